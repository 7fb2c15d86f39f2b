/**
 * ISO 639-1 language codes with English names, packed into one string to keep the Apps Script
 * bundle small.
 */
const PACKED =
  'aa Afar|ab Abkhazian|ae Avestan|af Afrikaans|ak Akan|am Amharic|an Aragonese|ar Arabic|' +
  'as Assamese|av Avaric|ay Aymara|az Azerbaijani|ba Bashkir|be Belarusian|bg Bulgarian|' +
  'bi Bislama|bm Bambara|bn Bengali|bo Tibetan|br Breton|bs Bosnian|ca Catalan|ce Chechen|' +
  'ch Chamorro|co Corsican|cr Cree|cs Czech|cu Church Slavic|cv Chuvash|cy Welsh|da Danish|' +
  'de German|dv Divehi|dz Dzongkha|ee Ewe|el Greek|en English|eo Esperanto|es Spanish|' +
  'et Estonian|eu Basque|fa Persian|ff Fulah|fi Finnish|fj Fijian|fo Faroese|fr French|' +
  'fy Western Frisian|ga Irish|gd Scottish Gaelic|gl Galician|gn Guarani|gu Gujarati|gv Manx|' +
  'ha Hausa|he Hebrew|hi Hindi|ho Hiri Motu|hr Croatian|ht Haitian Creole|hu Hungarian|' +
  'hy Armenian|hz Herero|ia Interlingua|id Indonesian|ie Interlingue|ig Igbo|ii Sichuan Yi|' +
  'ik Inupiaq|io Ido|is Icelandic|it Italian|iu Inuktitut|ja Japanese|jv Javanese|' +
  'ka Georgian|kg Kongo|ki Kikuyu|kj Kuanyama|kk Kazakh|kl Kalaallisut|km Khmer|kn Kannada|' +
  'ko Korean|kr Kanuri|ks Kashmiri|ku Kurdish|kv Komi|kw Cornish|ky Kyrgyz|la Latin|' +
  'lb Luxembourgish|lg Ganda|li Limburgish|ln Lingala|lo Lao|lt Lithuanian|lu Luba-Katanga|' +
  'lv Latvian|mg Malagasy|mh Marshallese|mi Maori|mk Macedonian|ml Malayalam|mn Mongolian|' +
  'mr Marathi|ms Malay|mt Maltese|my Burmese|na Nauru|nb Norwegian Bokmål|nd North Ndebele|' +
  'ne Nepali|ng Ndonga|nl Dutch|nn Norwegian Nynorsk|no Norwegian|nr South Ndebele|nv Navajo|' +
  'ny Chichewa|oc Occitan|oj Ojibwa|om Oromo|or Odia|os Ossetian|pa Punjabi|pi Pali|pl Polish|' +
  'ps Pashto|pt Portuguese|qu Quechua|rm Romansh|rn Kirundi|ro Romanian|ru Russian|' +
  'rw Kinyarwanda|sa Sanskrit|sc Sardinian|sd Sindhi|se Northern Sami|sg Sango|si Sinhala|' +
  'sk Slovak|sl Slovenian|sm Samoan|sn Shona|so Somali|sq Albanian|sr Serbian|ss Swati|' +
  'st Southern Sotho|su Sundanese|sv Swedish|sw Swahili|ta Tamil|te Telugu|tg Tajik|th Thai|' +
  'ti Tigrinya|tk Turkmen|tl Tagalog|tn Tswana|to Tongan|tr Turkish|ts Tsonga|tt Tatar|' +
  'tw Twi|ty Tahitian|ug Uyghur|uk Ukrainian|ur Urdu|uz Uzbek|ve Venda|vi Vietnamese|' +
  'vo Volapük|wa Walloon|wo Wolof|xh Xhosa|yi Yiddish|yo Yoruba|za Zhuang|zh Chinese|zu Zulu';

/**
 * Other names people write, as `code name;name…`: names in the language itself, common
 * alternatives and frequent ISO 639-2 codes.
 */
const PACKED_ALIASES =
  'ms Bahasa Melayu;Bahasa Malaysia;Melayu;msa;may|id Bahasa Indonesia;Indonesia;ind|' +
  'zh Mandarin;Cantonese;中文;汉语;漢語;普通话;zho;chi;Chinese Simplified;Chinese Traditional|' +
  'tl Filipino;Tagalog;fil;tgl|fa Farsi;فارسی;per;fas|es Español;Espanol;Castellano;spa|' +
  'fr Français;Francais;fre;fra|de Deutsch;ger;deu|pt Português;Portugues;por|' +
  'it Italiano;ita|ru Русский;rus|ja 日本語;jpn|ko 한국어;kor|ar العربية;ara|hi हिन्दी;hin|' +
  'th ไทย;ภาษาไทย;tha|vi Tiếng Việt;vie|tr Türkçe;Turkce;tur|nl Nederlands;Flemish;dut;nld|' +
  'pl Polski;pol|sv Svenska;swe|bn Bangla;বাংলা;ben|en eng|ta தமிழ்;tam|ur اردو;urd|' +
  'he עברית;heb;Ivrit|el Ελληνικά;gre;ell|uk Українська;ukr|my Myanmar;mya;bur|' +
  'km ភាសាខ្មែរ;Cambodian;khm|no Norsk;nor|da Dansk;dan|fi Suomi;fin|sw Kiswahili;swa|' +
  'pa Panjabi;pan|ro Moldovan;ron;rum';

function unpack(packed: string): [string, string][] {
  return packed.split('|').map((entry) => [entry.slice(0, 2), entry.slice(3)]);
}

/** Code → English name. */
export const LANGUAGE_NAMES: ReadonlyMap<string, string> = new Map(unpack(PACKED));

/** Name or alias, as written, with its code (folding is left to the caller). */
export const LANGUAGE_ALIASES: readonly (readonly [string, string])[] = unpack(
  PACKED_ALIASES,
).flatMap(([code, names]) => names.split(';').map((name) => [name, code] as const));
