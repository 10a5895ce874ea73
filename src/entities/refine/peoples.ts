/**
 * Plural nouns for the members of a people or a faith ("Americans", "Germans", "Muslims"): Azure's
 * PersonType is "human roles classified by a group membership" (the 2025-11-01 `EntityCategory`), and a
 * real Azure answer (PII, Portuguese) returns peoples so ("visigodos", "ávaros": PersonType, 0.93 and
 * 0.91). Adjectives ("a German company") and languages ("speaks French") stay out, as do forms one word
 * serves for both ("Chinese", "Swiss", "French"). Hand-written for this project (facts, not a copied list).
 */
export const PEOPLE_NOUNS: ReadonlySet<string> = new Set(
  `Americans Canadians Mexicans Brazilians Argentines Argentinians Chileans Colombians Venezuelans Peruvians
  Cubans Haitians Jamaicans Britons Brits Scots Germans Austrians Italians Spaniards Belgians Swedes
  Norwegians Danes Finns Icelanders Poles Czechs Slovaks Hungarians Romanians Bulgarians Serbs Croats
  Bosnians Albanians Greeks Turks Russians Ukrainians Belarusians Armenians Azerbaijanis Israelis
  Palestinians Iranians Iraqis Syrians Saudis Jordanians Egyptians Libyans Tunisians Algerians Moroccans
  Afghans Pakistanis Indians Bangladeshis Nepalis Koreans Thais Filipinos Indonesians Malaysians
  Singaporeans Australians Nigerians Kenyans Ethiopians Somalis Ghanaians Zimbabweans Ugandans Rwandans
  Europeans Africans Asians Latinos Arabs Kurds Jews Christians Muslims Moslems Hindus Buddhists Sikhs
  Catholics Protestants Mormons Shiites Sunnis`.split(/\s+/),
);
