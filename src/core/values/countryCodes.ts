/**
 * ISO 3166-1 alpha-2 codes with short English names, packed into one string to keep the
 * Apps Script bundle small. Kosovo (XK) is a user-assigned code, not ISO, and is left out.
 */
const PACKED =
  'AD Andorra|AE United Arab Emirates|AF Afghanistan|AG Antigua and Barbuda|AI Anguilla|' +
  'AL Albania|AM Armenia|AO Angola|AQ Antarctica|AR Argentina|AS American Samoa|AT Austria|' +
  'AU Australia|AW Aruba|AX Åland Islands|AZ Azerbaijan|BA Bosnia and Herzegovina|BB Barbados|' +
  'BD Bangladesh|BE Belgium|BF Burkina Faso|BG Bulgaria|BH Bahrain|BI Burundi|BJ Benin|' +
  'BL Saint Barthélemy|BM Bermuda|BN Brunei|BO Bolivia|BQ Caribbean Netherlands|BR Brazil|' +
  'BS Bahamas|BT Bhutan|BV Bouvet Island|BW Botswana|BY Belarus|BZ Belize|CA Canada|' +
  'CC Cocos (Keeling) Islands|CD Democratic Republic of the Congo|CF Central African Republic|' +
  'CG Republic of the Congo|CH Switzerland|CI Côte d’Ivoire|CK Cook Islands|CL Chile|' +
  'CM Cameroon|CN China|CO Colombia|CR Costa Rica|CU Cuba|CV Cape Verde|CW Curaçao|' +
  'CX Christmas Island|CY Cyprus|CZ Czechia|DE Germany|DJ Djibouti|DK Denmark|DM Dominica|' +
  'DO Dominican Republic|DZ Algeria|EC Ecuador|EE Estonia|EG Egypt|EH Western Sahara|' +
  'ER Eritrea|ES Spain|ET Ethiopia|FI Finland|FJ Fiji|FK Falkland Islands|FM Micronesia|' +
  'FO Faroe Islands|FR France|GA Gabon|GB United Kingdom|GD Grenada|GE Georgia|' +
  'GF French Guiana|GG Guernsey|GH Ghana|GI Gibraltar|GL Greenland|GM Gambia|GN Guinea|' +
  'GP Guadeloupe|GQ Equatorial Guinea|GR Greece|GS South Georgia and the South Sandwich Islands|' +
  'GT Guatemala|GU Guam|GW Guinea-Bissau|GY Guyana|HK Hong Kong|' +
  'HM Heard Island and McDonald Islands|HN Honduras|HR Croatia|HT Haiti|HU Hungary|' +
  'ID Indonesia|IE Ireland|IL Israel|IM Isle of Man|IN India|IO British Indian Ocean Territory|' +
  'IQ Iraq|IR Iran|IS Iceland|IT Italy|JE Jersey|JM Jamaica|JO Jordan|JP Japan|KE Kenya|' +
  'KG Kyrgyzstan|KH Cambodia|KI Kiribati|KM Comoros|KN Saint Kitts and Nevis|KP North Korea|' +
  'KR South Korea|KW Kuwait|KY Cayman Islands|KZ Kazakhstan|LA Laos|LB Lebanon|LC Saint Lucia|' +
  'LI Liechtenstein|LK Sri Lanka|LR Liberia|LS Lesotho|LT Lithuania|LU Luxembourg|LV Latvia|' +
  'LY Libya|MA Morocco|MC Monaco|MD Moldova|ME Montenegro|MF Saint Martin|MG Madagascar|' +
  'MH Marshall Islands|MK North Macedonia|ML Mali|MM Myanmar|MN Mongolia|MO Macao|' +
  'MP Northern Mariana Islands|MQ Martinique|MR Mauritania|MS Montserrat|MT Malta|' +
  'MU Mauritius|MV Maldives|MW Malawi|MX Mexico|MY Malaysia|MZ Mozambique|NA Namibia|' +
  'NC New Caledonia|NE Niger|NF Norfolk Island|NG Nigeria|NI Nicaragua|NL Netherlands|' +
  'NO Norway|NP Nepal|NR Nauru|NU Niue|NZ New Zealand|OM Oman|PA Panama|PE Peru|' +
  'PF French Polynesia|PG Papua New Guinea|PH Philippines|PK Pakistan|PL Poland|' +
  'PM Saint Pierre and Miquelon|PN Pitcairn Islands|PR Puerto Rico|PS Palestine|PT Portugal|' +
  'PW Palau|PY Paraguay|QA Qatar|RE Réunion|RO Romania|RS Serbia|RU Russia|RW Rwanda|' +
  'SA Saudi Arabia|SB Solomon Islands|SC Seychelles|SD Sudan|SE Sweden|SG Singapore|' +
  'SH Saint Helena|SI Slovenia|SJ Svalbard and Jan Mayen|SK Slovakia|SL Sierra Leone|' +
  'SM San Marino|SN Senegal|SO Somalia|SR Suriname|SS South Sudan|ST São Tomé and Príncipe|' +
  'SV El Salvador|SX Sint Maarten|SY Syria|SZ Eswatini|TC Turks and Caicos Islands|TD Chad|' +
  'TF French Southern Territories|TG Togo|TH Thailand|TJ Tajikistan|TK Tokelau|' +
  'TL Timor-Leste|TM Turkmenistan|TN Tunisia|TO Tonga|TR Türkiye|TT Trinidad and Tobago|' +
  'TV Tuvalu|TW Taiwan|TZ Tanzania|UA Ukraine|UG Uganda|UM U.S. Outlying Islands|' +
  'US United States|UY Uruguay|UZ Uzbekistan|VA Vatican City|' +
  'VC Saint Vincent and the Grenadines|VE Venezuela|VG British Virgin Islands|' +
  'VI U.S. Virgin Islands|VN Vietnam|VU Vanuatu|WF Wallis and Futuna|WS Samoa|YE Yemen|' +
  'YT Mayotte|ZA South Africa|ZM Zambia|ZW Zimbabwe';

/**
 * Other ways people write countries, as `CODE name;name…`. Includes common alpha-3 codes and a
 * few names in the country's own language.
 */
const PACKED_ALIASES =
  'AE UAE;Emirates;ARE|BA Bosnia|BN Brunei Darussalam|BO BOL|BR Brasil;BRA|' +
  'CD DRC;DR Congo;Congo-Kinshasa;Congo (DRC)|CG Congo;Congo-Brazzaville|CH Schweiz;Suisse;Svizzera;CHE|' +
  'CI Ivory Coast;Cote d Ivoire|CN PRC;Mainland China;People’s Republic of China;CHN|' +
  'CV Cabo Verde|CZ Czech Republic;CZE|DE Deutschland;DEU|AT Österreich;AUT|' +
  'ES España;ESP|FR FRA|GB UK;U.K.;Great Britain;Britain;England;Scotland;Wales;' +
  'Northern Ireland;GBR;United Kingdom of Great Britain and Northern Ireland|' +
  'HK Hong Kong SAR;HKG|ID IDN|IN Bharat;IND|IR Islamic Republic of Iran|IT Italia;ITA|' +
  'JP Nippon;Nihon;JPN|KP DPRK|KR Korea;Republic of Korea;ROK;KOR|LA Lao PDR|' +
  'MK Macedonia|MM Burma|MO Macau|MX México;MEX|MY MYS|NL Holland;The Netherlands;Nederland;NLD|' +
  'PH PHL;The Philippines|PK PAK|PS State of Palestine|RU Russian Federation;RUS|' +
  'SA KSA;SAU|SG SGP|SY Syrian Arab Republic|SZ Swaziland|TH THA;Thai|TR Turkey;TUR|' +
  'TW TWN|TZ United Republic of Tanzania|US USA;U.S.A.;U.S.;United States of America;America;' +
  'US of A|VA Holy See;Vatican|VE VEN|VN Viet Nam;VNM|ZA RSA;ZAF|AU AUS|CA CAN|NZ NZL|' +
  'NG NGA|KE KEN|EG EGY|BD BGD|LK SRI;Ceylon|SE Sverige|NO Norge|DK Danmark|FI Suomi|' +
  'PL Polska|PT PRT|GR Hellas|FM Federated States of Micronesia|TL East Timor|' +
  'CW Curacao|RE Reunion';

function unpack(packed: string): [string, string][] {
  return packed.split('|').map((entry) => [entry.slice(0, 2), entry.slice(3)]);
}

/** Code → English name. */
export const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map(unpack(PACKED));

/** Name or alias, as written, with its code (folding is left to the caller). */
export const COUNTRY_ALIASES: readonly (readonly [string, string])[] = unpack(
  PACKED_ALIASES,
).flatMap(([code, names]) => names.split(';').map((name) => [name, code] as const));
