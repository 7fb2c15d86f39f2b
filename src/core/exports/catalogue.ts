/**
 * The column headers of well-known contact exports, as data: which header holds which part of a
 * contact. Auto-mapping reads this catalogue before its generic synonyms, and `detectExport`
 * names the export a sheet most likely came from.
 *
 * Each export cites where its headers come from. Where the search found only a third-party copy
 * of the header row, that copy is cited beside the vendor's own page.
 */

/** What a column of an export holds. `phone:*` carry the type the export gives the number. */
export type ColumnRole =
  | 'firstName'
  | 'lastName'
  | 'fullName'
  | 'email'
  | 'tags'
  | 'country'
  | 'callingCode'
  | 'language'
  | 'phone:mobile'
  | 'phone:other'
  | 'phone:home'
  | 'phone:work'
  /** Google's "Phone 1 - Type" / "Phone 1 - Label": the type of the number beside it. */
  | 'phoneType'
  /** A known column that is not a contact field: counted for detection, never mapped. */
  | 'other';

export interface ExportFormat {
  readonly id: string;
  readonly name: string;
  readonly sources: readonly string[];
  /** Header as the export writes it → what it holds. */
  readonly columns: Readonly<Record<string, ColumnRole>>;
  /** Phone numbers are written with their calling code but without the + (e.g. 919876543210). */
  readonly phonesWithoutPlus?: boolean;
}

const GOOGLE_SLOTS = (kind: 'Type' | 'Label'): Record<string, ColumnRole> => {
  const slots: Record<string, ColumnRole> = {};
  for (let n = 1; n <= 4; n++) {
    slots[`E-mail ${n} - ${kind}`] = 'other';
    slots[`E-mail ${n} - Value`] = 'email';
    slots[`Phone ${n} - ${kind}`] = 'phoneType';
    slots[`Phone ${n} - Value`] = 'phone:other';
    slots[`Address ${n} - ${kind}`] = 'other';
    slots[`Address ${n} - Formatted`] = 'other';
    slots[`Address ${n} - Country`] = 'other';
  }
  return slots;
};

/** Outlook's contact export, one header row per UI language (the export is localised). */
function outlook(
  lang: string,
  name: string,
  h: {
    first: string;
    middle: string;
    last: string;
    email: string;
    email2: string;
    mobile: string;
    business: string;
    home: string;
    categories: string;
    birthday: string;
  },
): ExportFormat {
  return {
    id: `outlook-${lang}`,
    name,
    sources: [
      `https://support.microsoft.com/${lang === 'en' ? 'en-us' : lang}/office/create-or-edit-csv-files-to-import-into-outlook-4518d70d-8fe9-46ad-94fa-1494247193c7`,
      'https://github.com/michalbe/csv2vcard (README: the Outlook CSV schema, English headers)',
      ...(lang === 'de'
        ? [
            'http://hilfe.cibamberg.de/index.aspx?page=FormOutlookDirekt (German Outlook fields: Vorname, Nachname, Mobiltelefon, Telefongeschäftlich, Kategorien, EMailAdresse)',
          ]
        : []),
    ],
    columns: {
      [h.first]: 'firstName',
      [h.middle]: 'other',
      [h.last]: 'lastName',
      [h.email]: 'email',
      [h.email2]: 'email',
      [h.mobile]: 'phone:mobile',
      [h.business]: 'phone:work',
      [h.home]: 'phone:home',
      [h.categories]: 'tags',
      [h.birthday]: 'other',
    },
  };
}

export const EXPORTS: readonly ExportFormat[] = [
  {
    id: 'google-legacy',
    name: 'Google Contacts (legacy Google CSV)',
    sources: [
      'https://support.google.com/contacts/answer/7199294',
      'https://github.com/iguntur/google-contact (README: Given Name, Phone 1 - Type, Phone 1 - Value)',
      'https://github.com/azamatbayramov/GoogleCSVLoader (loader for the Google CSV export)',
      'code search: a Google Contacts CSV reader noting multi-values joined with ":::" and the "* starred" group',
    ],
    columns: {
      Name: 'fullName',
      'Given Name': 'firstName',
      'Additional Name': 'other',
      'Family Name': 'lastName',
      'Name Prefix': 'other',
      'Name Suffix': 'other',
      Nickname: 'other',
      Birthday: 'other',
      Notes: 'other',
      'Group Membership': 'tags',
      'Organization 1 - Name': 'other',
      ...GOOGLE_SLOTS('Type'),
    },
  },
  {
    id: 'google',
    name: 'Google Contacts',
    sources: [
      'https://support.google.com/contacts/answer/7199294',
      'code search: a vCard→Google CSV converter listing First Name, Middle Name, Last Name, Phonetic First Name, File As, E-mail 1 - Label, E-mail 1 - Value, Phone 1 - Label, Phone 1 - Value, Address 1 - Country',
    ],
    columns: {
      'First Name': 'firstName',
      'Middle Name': 'other',
      'Last Name': 'lastName',
      'Phonetic First Name': 'other',
      'Phonetic Middle Name': 'other',
      'Phonetic Last Name': 'other',
      'Name Prefix': 'other',
      'Name Suffix': 'other',
      Nickname: 'other',
      'File As': 'other',
      'Organization Name': 'other',
      'Organization Title': 'other',
      Birthday: 'other',
      Notes: 'other',
      Labels: 'tags',
      ...GOOGLE_SLOTS('Label'),
    },
  },
  outlook('en', 'Outlook', {
    first: 'First Name',
    middle: 'Middle Name',
    last: 'Last Name',
    email: 'E-mail Address',
    email2: 'E-mail 2 Address',
    mobile: 'Mobile Phone',
    business: 'Business Phone',
    home: 'Home Phone',
    categories: 'Categories',
    birthday: 'Birthday',
  }),
  outlook('de', 'Outlook (Deutsch)', {
    first: 'Vorname',
    middle: 'Weitere Vornamen',
    last: 'Nachname',
    email: 'E-Mail-Adresse',
    email2: 'E-Mail 2: Adresse',
    mobile: 'Mobiltelefon',
    business: 'Telefon geschäftlich',
    home: 'Telefon privat',
    categories: 'Kategorien',
    birthday: 'Geburtstag',
  }),
  outlook('fr', 'Outlook (français)', {
    first: 'Prénom',
    middle: 'Deuxième prénom',
    last: 'Nom',
    email: 'Adresse de messagerie',
    email2: 'Adresse de messagerie 2',
    mobile: 'Tél. mobile',
    business: 'Téléphone bureau',
    home: 'Téléphone domicile',
    categories: 'Catégories',
    birthday: 'Anniversaire',
  }),
  outlook('es', 'Outlook (español)', {
    first: 'Nombre',
    middle: 'Segundo nombre',
    last: 'Apellidos',
    email: 'Dirección de correo electrónico',
    email2: 'Dirección de correo electrónico 2',
    mobile: 'Teléfono móvil',
    business: 'Teléfono del trabajo',
    home: 'Particular',
    categories: 'Categorías',
    birthday: 'Cumpleaños',
  }),
  outlook('pt', 'Outlook (português)', {
    first: 'Nome',
    middle: 'Segundo Nome',
    last: 'Sobrenome',
    email: 'Endereço de email',
    email2: 'Endereço de email 2',
    mobile: 'Telefone celular',
    business: 'Telefone comercial',
    home: 'Telefone residencial',
    categories: 'Categorias',
    birthday: 'Aniversário',
  }),
  outlook('it', 'Outlook (italiano)', {
    first: 'Nome',
    middle: 'Secondo nome',
    last: 'Cognome',
    email: 'Indirizzo posta elettronica',
    email2: 'Indirizzo posta elettronica 2',
    mobile: 'Cellulare',
    business: 'Ufficio',
    home: 'Abitazione',
    categories: 'Categorie',
    birthday: 'Compleanno',
  }),
  outlook('nl', 'Outlook (Nederlands)', {
    first: 'Voornaam',
    middle: 'Middelste naam',
    last: 'Achternaam',
    email: 'E-mailadres',
    email2: 'E-mailadres 2',
    mobile: 'Mobiele telefoon',
    business: 'Telefoon op werk',
    home: 'Telefoon thuis',
    categories: 'Categorieën',
    birthday: 'Verjaardag',
  }),
  outlook('id', 'Outlook (Bahasa Indonesia)', {
    first: 'Nama Depan',
    middle: 'Nama Tengah',
    last: 'Nama Belakang',
    email: 'Alamat Email',
    email2: 'Alamat Email 2',
    mobile: 'Telepon Seluler',
    business: 'Telepon Kantor',
    home: 'Telepon Rumah',
    categories: 'Kategori',
    birthday: 'Ulang Tahun',
  }),
  {
    id: 'hubspot',
    name: 'HubSpot',
    sources: [
      'https://knowledge.hubspot.com/import-and-export/export-records',
      'https://wildandfreetools.com/blog/format-csv-for-hubspot-contact-import (HubSpot default properties: Phone number, Mobile phone number, Country/Region)',
    ],
    columns: {
      'Record ID': 'other',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Phone Number': 'phone:work',
      'Mobile Phone Number': 'phone:mobile',
      'Country/Region': 'country',
      'Lifecycle Stage': 'other',
      'Contact owner': 'other',
      'Create Date': 'other',
    },
  },
  {
    id: 'salesforce',
    name: 'Salesforce report',
    sources: [
      'https://help.salesforce.com/s/articleView?id=sf.reports_export.htm',
      'https://wildandfreetools.com/blog/format-csv-for-hubspot-contact-import (Salesforce fields FirstName, LastName, Email, MobilePhone)',
    ],
    columns: {
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Title: 'other',
      'Account Name': 'other',
      Email: 'email',
      Phone: 'phone:work',
      Mobile: 'phone:mobile',
      'Mailing Country': 'country',
      'Lead Source': 'other',
      'Contact Owner': 'other',
    },
  },
  {
    id: 'zoho',
    name: 'Zoho CRM',
    sources: [
      'https://help.zoho.com/portal/en/kb/crm/faqs/sales-force-automation/contact-management/articles/contact-management',
      'https://support.mangoho.com/portal/en/kb/articles/rules-for-data-importing-in-zoho-crm (dates MM/dd/yyyy)',
    ],
    columns: {
      'Record Id': 'other',
      'Contact Owner': 'other',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      Phone: 'phone:work',
      Mobile: 'phone:mobile',
      'Mailing Country': 'country',
      Tag: 'tags',
      'Date of Birth': 'other',
      'Email Opt Out': 'other',
    },
  },
  {
    id: 'mailchimp',
    name: 'Mailchimp audience export',
    sources: [
      'https://mailchimp.com/help/view-export-contacts/',
      'https://github.com/OneSignalDevelopers/email-migration-tool/blob/main/docs/mailchimp/mailchimp.md (exporting an audience as CSV)',
    ],
    columns: {
      'Email Address': 'email',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Address: 'other',
      'Phone Number': 'phone:other',
      Birthday: 'other',
      TAGS: 'tags',
      MEMBER_RATING: 'other',
      OPTIN_TIME: 'other',
      OPTIN_IP: 'other',
      CONFIRM_TIME: 'other',
      CONFIRM_IP: 'other',
      LATITUDE: 'other',
      LONGITUDE: 'other',
      GMTOFF: 'other',
      DSTOFF: 'other',
      TIMEZONE: 'other',
      CC: 'country',
      REGION: 'other',
      LAST_CHANGED: 'other',
      LEID: 'other',
      EUID: 'other',
      NOTES: 'other',
    },
  },
  {
    id: 'brevo',
    name: 'Brevo',
    sources: [
      'https://help.brevo.com/hc/en-us/articles/208729849-Create-a-file-to-import-your-contacts (EMAIL, FIRSTNAME, LASTNAME, SMS, WHATSAPP, LANDLINE_NUMBER, EXT_ID)',
      'https://developers.brevo.com/reference/request-contact-export (mandatory attributes EMAIL, ADDED_TIME, MODIFIED_TIME)',
    ],
    columns: {
      'CONTACT ID': 'other',
      EMAIL: 'email',
      FIRSTNAME: 'firstName',
      LASTNAME: 'lastName',
      SMS: 'phone:mobile',
      WHATSAPP: 'phone:mobile',
      LANDLINE_NUMBER: 'phone:home',
      EXT_ID: 'other',
      ADDED_TIME: 'other',
      MODIFIED_TIME: 'other',
    },
  },
  {
    id: 'shopify',
    name: 'Shopify customers export',
    sources: [
      'https://help.shopify.com/en/manual/customers/import-export-customers',
      'https://bulkflow.crisp.help/en/article/importupdate-customers-1enkirp (Phone must include the country code; + optional)',
      'https://documentation.bloomreach.com/data-hub/docs/customer-attributes-reference-for-loomi-for-shopify (default address country_code is ISO)',
    ],
    columns: {
      'Customer ID': 'other',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Accepts Email Marketing': 'other',
      'Default Address Company': 'other',
      'Default Address Address1': 'other',
      'Default Address Address2': 'other',
      'Default Address City': 'other',
      'Default Address Province Code': 'other',
      'Default Address Country Code': 'country',
      'Default Address Zip': 'other',
      'Default Address Phone': 'phone:other',
      Phone: 'phone:mobile',
      'Accepts SMS Marketing': 'other',
      'Total Spent': 'other',
      'Total Orders': 'other',
      Note: 'other',
      'Tax Exempt': 'other',
      Tags: 'tags',
    },
  },
  {
    id: 'woocommerce',
    name: 'WooCommerce customers (Customer/Order CSV Export)',
    sources: [
      'https://woocommerce.com/document/ordercustomer-csv-exporter/',
      'https://gist.github.com/noelboss/a0eb77fbcff3afdace55b5d216c9fa27 (billing_first_name, billing_email, billing_phone, billing_country)',
      'https://gist.github.com/bekarice/bdeef49d064cab65c2b916f38cfb8470 (customer default format: BillingPhone 5558675309, BillingCountry US)',
    ],
    columns: {
      customer_id: 'other',
      first_name: 'firstName',
      last_name: 'lastName',
      email: 'email',
      date_registered: 'other',
      billing_first_name: 'other',
      billing_last_name: 'other',
      billing_company: 'other',
      billing_email: 'email',
      billing_phone: 'phone:other',
      billing_address_1: 'other',
      billing_city: 'other',
      billing_postcode: 'other',
      billing_state: 'other',
      billing_country: 'country',
      total_spent: 'other',
      order_count: 'other',
    },
  },
  {
    id: 'woocommerce-analytics',
    name: 'WooCommerce Analytics › Customers',
    sources: ['https://woocommerce.com/document/woocommerce-analytics/customers-report/'],
    columns: {
      Name: 'fullName',
      Username: 'other',
      'Last active': 'other',
      'Date registered': 'other',
      Email: 'email',
      Orders: 'other',
      'Total spend': 'other',
      AOV: 'other',
      'Country / Region': 'country',
      City: 'other',
      Region: 'other',
      'Postal code': 'other',
    },
  },
  {
    id: 'respond-io',
    name: 'respond.io contacts export',
    sources: [
      'https://help.respond.io/l/en/contacts/contacts-overview',
      'https://developers.respond.io/ (contact fields firstName, lastName, phone, email, language, countryCode as ISO 3166-1 alpha-2)',
    ],
    columns: {
      'Contact ID': 'other',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Phone: 'phone:mobile',
      Email: 'email',
      Language: 'language',
      'Country Code': 'country',
      Tags: 'tags',
      Assignee: 'other',
      Lifecycle: 'other',
      Channels: 'other',
    },
  },
  {
    id: 'aisensy',
    name: 'AiSensy contacts',
    sources: [
      'https://help.aisensy.com/en/articles/5359040-how-to-import-export-contacts-in-aisensy',
      'https://aisensy.com/tutorials/how-to-import-contacts-aisensy (Name, Mobile Number with or without 91/+91, tags, Source, Created At)',
    ],
    columns: {
      Name: 'fullName',
      'Mobile Number': 'phone:mobile',
      Tags: 'tags',
      Source: 'other',
      Status: 'other',
      'Created At': 'other',
      'Last Active': 'other',
      email: 'email',
      City: 'other',
    },
    phonesWithoutPlus: true,
  },
  {
    id: 'wati',
    name: 'Wati contacts',
    sources: [
      'https://support.wati.io/l/en/article/7wpwctb2z5-how-to-import-contacts',
      'https://edesy.in/docs/waflow/contacts/import-contacts (WhatsApp tools: 14155551234 taken as international)',
    ],
    columns: {
      Name: 'fullName',
      Phone: 'phone:mobile',
      'Country Code': 'callingCode',
      'Opted In': 'other',
      'Created Date': 'other',
      Tags: 'tags',
    },
    phonesWithoutPlus: true,
  },
  {
    id: 'interakt',
    name: 'Interakt users',
    sources: [
      'https://www.interakt.shop/resource-center/all-users-contact-management-with-whatsapp-business-platform-new/ (Name, Country Code as digits without +, Phone Number without the country code, Email, WhatsApp Opted)',
    ],
    columns: {
      Name: 'fullName',
      'Country Code': 'callingCode',
      'Phone Number': 'phone:mobile',
      Email: 'email',
      'WhatsApp Opted': 'other',
      'User ID': 'other',
      Tags: 'tags',
    },
  },
];
