// What the parser knows by name beyond its built-in trade words: a company's merged masters (the
// platform's defaults overridden by its own rows). The server builds it from the masters tables.

export interface VocabularyVariety {
  /** The variety's code, e.g. `shankar-6`: what the parser answers. */
  code: string;
  commodityCode: string;
  name: string;
  /** What traders write for it: "S-6", "Shankar 6". */
  aliases: string[];
}

export interface VocabularyLocation {
  kind: 'state' | 'city' | 'warehouse' | 'ginning_factory' | 'pressing_factory';
  name: string;
  stateCode: string;
  /** The city a city, warehouse or factory lies in; null for a state. */
  city: string | null;
}

export interface VocabularyTerm {
  kind: 'delivery' | 'sale' | 'payment';
  code: string;
  name: string;
  /** Days of credit for a payment term (0 = advance or against delivery). */
  paymentDays: number | null;
}

export interface ParserVocabulary {
  varieties: VocabularyVariety[];
  locations: VocabularyLocation[];
  terms: VocabularyTerm[];
}
