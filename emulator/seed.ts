/**
 * The demo workspace: deterministic (seeded PRNG), a custom field of every type and a few
 * hundred contacts from several countries. Two contacts share an email and two share a
 * phone, so "matches several contacts" can be seen.
 */
import { digits, intBetween, pick, seededRandom, type Random } from './prng';
import type { FieldDef, WorkspaceData } from './workspace';

export const DEMO_FIELDS: FieldDef[] = [
  {
    id: 1,
    name: 'Company',
    slug: 'company',
    description: 'Employer',
    dataType: 'text',
    allowedValues: null,
  },
  {
    id: 2,
    name: 'Order Count',
    slug: 'order_count',
    description: null,
    dataType: 'number',
    allowedValues: null,
  },
  {
    id: 3,
    name: 'Work Email',
    slug: 'work_email',
    description: null,
    dataType: 'email',
    allowedValues: null,
  },
  {
    id: 4,
    name: 'Website',
    slug: 'website',
    description: null,
    dataType: 'url',
    allowedValues: null,
  },
  {
    id: 5,
    name: 'Plan',
    slug: 'plan',
    description: null,
    dataType: 'list',
    allowedValues: ['Free', 'Pro', 'Enterprise'],
  },
  {
    id: 6,
    name: 'Birthday',
    slug: 'birthday',
    description: null,
    dataType: 'date',
    allowedValues: null,
  },
  {
    id: 7,
    name: 'Preferred Time',
    slug: 'preferred_time',
    description: null,
    dataType: 'time',
    allowedValues: null,
  },
  {
    id: 8,
    name: 'Newsletter',
    slug: 'newsletter',
    description: null,
    dataType: 'checkbox',
    allowedValues: null,
  },
];

interface Country {
  code: string;
  language: string;
  firstNames: string[];
  lastNames: string[];
  /** A national mobile number after the country code. */
  mobile: (random: Random) => string;
  dial: string;
  domains: string[];
}

const COUNTRIES: Country[] = [
  {
    code: 'MY',
    language: 'ms',
    dial: '60',
    firstNames: [
      'Aisha',
      'Ahmad',
      'Nurul',
      'Siti',
      'Hafiz',
      'Farah',
      'Mei Ling',
      'Kumar',
      'Wei Jie',
      'Priya',
    ],
    lastNames: [
      'Rahman',
      'Ismail',
      'Abdullah',
      'Tan',
      'Lim',
      'Wong',
      'Raj',
      'Hassan',
      'Yusof',
      'Chong',
    ],
    mobile: (r) => `1${pick(r, ['2', '3', '6', '7', '9'])}${digits(r, 7)}`,
    domains: ['gmail.com', 'yahoo.com.my', 'hotmail.my'],
  },
  {
    code: 'SG',
    language: 'en',
    dial: '65',
    firstNames: ['Jun Hao', 'Hui Min', 'Marcus', 'Rachel', 'Daniel', 'Xin Yi', 'Arjun', 'Nadia'],
    lastNames: ['Lee', 'Ng', 'Goh', 'Teo', 'Chua', 'Koh', 'Pillai', 'Salleh'],
    mobile: (r) => `${pick(r, ['8', '9'])}${digits(r, 7)}`,
    domains: ['gmail.com', 'singnet.com.sg'],
  },
  {
    code: 'ID',
    language: 'id',
    dial: '62',
    firstNames: ['Budi', 'Dewi', 'Agus', 'Sri', 'Putri', 'Rizky', 'Indah', 'Eko'],
    lastNames: ['Santoso', 'Wijaya', 'Susanto', 'Pratama', 'Hidayat', 'Lestari', 'Saputra'],
    mobile: (r) => `8${pick(r, ['11', '12', '13', '21', '52', '57'])}${digits(r, 7)}`,
    domains: ['gmail.com', 'yahoo.co.id'],
  },
  {
    code: 'PH',
    language: 'tl',
    dial: '63',
    firstNames: ['Jose', 'Maria', 'Juan', 'Angelica', 'Mark', 'Kristine', 'Paolo'],
    lastNames: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Garcia', 'Mendoza', 'Villanueva'],
    mobile: (r) => `9${pick(r, ['17', '18', '27', '45', '66', '77'])}${digits(r, 7)}`,
    domains: ['gmail.com', 'yahoo.com'],
  },
  {
    code: 'IN',
    language: 'hi',
    dial: '91',
    firstNames: ['Aarav', 'Ananya', 'Rohan', 'Isha', 'Vikram', 'Sneha', 'Karthik'],
    lastNames: ['Sharma', 'Patel', 'Iyer', 'Gupta', 'Reddy', 'Nair', 'Singh'],
    mobile: (r) => `${pick(r, ['7', '8', '9'])}${digits(r, 9)}`,
    domains: ['gmail.com', 'rediffmail.com'],
  },
  {
    code: 'US',
    language: 'en',
    dial: '1',
    firstNames: ['Emily', 'James', 'Olivia', 'Michael', 'Sophia', 'David', 'Ava'],
    lastNames: ['Smith', 'Johnson', 'Brown', 'Miller', 'Davis', 'Garcia', 'Wilson'],
    mobile: (r) =>
      `${pick(r, ['212', '415', '312', '646', '617', '206'])}${intBetween(r, 2, 9)}${digits(r, 6)}`,
    domains: ['gmail.com', 'outlook.com', 'icloud.com'],
  },
  {
    code: 'GB',
    language: 'en',
    dial: '44',
    firstNames: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Poppy'],
    lastNames: ['Taylor', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright'],
    mobile: (r) => `7${pick(r, ['4', '5', '7', '8', '9'])}${digits(r, 8)}`,
    domains: ['gmail.com', 'btinternet.com'],
  },
  {
    code: 'BR',
    language: 'pt',
    dial: '55',
    firstNames: ['Lucas', 'Ana', 'Gabriel', 'Beatriz', 'Rafael', 'Juliana'],
    lastNames: ['Silva', 'Souza', 'Oliveira', 'Costa', 'Pereira', 'Almeida'],
    mobile: (r) => `${pick(r, ['11', '21', '31'])}9${digits(r, 8)}`,
    domains: ['gmail.com', 'uol.com.br'],
  },
];

const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark Industries',
  'Wayne Enterprises',
];
const TAGS = ['vip', 'newsletter', 'lead', 'customer', 'event-2026'];

export const DEMO_CONTACT_COUNT = 300;
const FIRST_ID = 1001;
const FIRST_CREATED_AT = 1_700_000_000;

/** The demo workspace. Same seed, same workspace, byte for byte. */
export function demoWorkspace(seed = 42, count = DEMO_CONTACT_COUNT): WorkspaceData {
  const random = seededRandom(seed);
  const phones = new Set<string>();
  const emails = new Set<string>();
  const contacts: WorkspaceData['contacts'] = [];

  for (let i = 0; i < count; i++) {
    const country = pick(random, COUNTRIES);
    const firstName = pick(random, country.firstNames);
    const lastName = pick(random, country.lastNames);
    let phone: string | null = null;
    if (random() < 0.9) {
      do phone = `+${country.dial}${country.mobile(random)}`;
      while (phones.has(phone));
      phones.add(phone);
    }
    let email: string | null = null;
    if (random() < 0.8) {
      const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
      let n = 0;
      do email = `${local}${n === 0 ? '' : n}@${pick(random, country.domains)}`;
      while (emails.has(email) && ++n);
      emails.add(email);
    }
    const custom: { name: string; value: string | number | boolean | null }[] = [];
    if (random() < 0.6) custom.push({ name: 'Company', value: pick(random, COMPANIES) });
    if (random() < 0.5) custom.push({ name: 'Order Count', value: intBetween(random, 0, 40) });
    if (random() < 0.5)
      custom.push({ name: 'Plan', value: pick(random, ['Free', 'Pro', 'Enterprise']) });
    if (random() < 0.4) {
      const y = intBetween(random, 1960, 2005);
      const m = String(intBetween(random, 1, 12)).padStart(2, '0');
      const d = String(intBetween(random, 1, 28)).padStart(2, '0');
      custom.push({ name: 'Birthday', value: `${y}-${m}-${d}` });
    }
    if (random() < 0.3)
      custom.push({
        name: 'Preferred Time',
        value: `${String(intBetween(random, 8, 20)).padStart(2, '0')}:${pick(random, ['00', '15', '30', '45'])}`,
      });
    if (random() < 0.5) custom.push({ name: 'Newsletter', value: random() < 0.5 });
    const tags = TAGS.filter(() => random() < 0.2);
    contacts.push({
      id: FIRST_ID + i,
      firstName,
      lastName,
      phone,
      email,
      language: country.language,
      profilePic: null,
      countryCode: country.code,
      custom_fields: custom,
      tags,
      lifecycle: null,
      created_at: FIRST_CREATED_AT + i * 3600,
    });
  }

  // The look-alikes: a family sharing one inbox, and two colleagues on one office line.
  const nextId = FIRST_ID + count;
  contacts.push(
    demoContact(nextId, 'Ahmad', 'Ismail', '+60123000111', 'ismail.family@gmail.com', 'MY', 'ms'),
    demoContact(
      nextId + 1,
      'Siti',
      'Ismail',
      '+60123000222',
      'ismail.family@gmail.com',
      'MY',
      'ms',
    ),
    demoContact(
      nextId + 2,
      'Rachel',
      'Goh',
      '+6562220000',
      'rachel.goh@globex.example',
      'SG',
      'en',
    ),
    demoContact(
      nextId + 3,
      'Marcus',
      'Teo',
      '+6562220000',
      'marcus.teo@globex.example',
      'SG',
      'en',
    ),
  );
  return { customFields: DEMO_FIELDS.map((f) => ({ ...f })), contacts };
}

function demoContact(
  id: number,
  firstName: string,
  lastName: string,
  phone: string,
  email: string,
  countryCode: string,
  language: string,
): WorkspaceData['contacts'][number] {
  return {
    id,
    firstName,
    lastName,
    phone,
    email,
    language,
    profilePic: null,
    countryCode,
    custom_fields: [],
    tags: ['demo-duplicate'],
    lifecycle: null,
    created_at: FIRST_CREATED_AT + (id - FIRST_ID) * 3600,
  };
}

export function emptyWorkspace(): WorkspaceData {
  return { customFields: DEMO_FIELDS.map((f) => ({ ...f })), contacts: [] };
}
