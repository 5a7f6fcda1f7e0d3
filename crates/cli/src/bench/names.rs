//! Word lists the generated network is made of: Finnish first names and surnames, trades with
//! their TOL 2008 division, street names, tags and interaction notes.

pub const FIRST_NAMES: &[&str] = &[
    "Juha", "Timo", "Matti", "Kari", "Mikko", "Jari", "Antti", "Jukka", "Mika", "Markku", "Pekka",
    "Hannu", "Heikki", "Seppo", "Janne", "Ari", "Sami", "Petri", "Ville", "Marko", "Tuomas",
    "Juho", "Lauri", "Eero", "Aleksi", "Olli", "Jussi", "Tero", "Harri", "Esa", "Anne", "Tuula",
    "Päivi", "Anna", "Pirjo", "Leena", "Sari", "Minna", "Marja", "Tiina", "Riitta", "Johanna",
    "Laura", "Heli", "Sanna", "Kaisa", "Elina", "Maria", "Satu", "Outi", "Katja", "Hanna",
    "Susanna", "Merja", "Eija", "Aino", "Emmi", "Noora", "Jenni", "Sofia",
];

pub const SURNAMES: &[&str] = &[
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Lehtinen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Heikkilä",
    "Kinnunen",
    "Salonen",
    "Turunen",
    "Salo",
    "Laitinen",
    "Tuominen",
    "Rantanen",
    "Karjalainen",
    "Jokinen",
    "Mattila",
    "Savolainen",
    "Lahtinen",
    "Ahonen",
    "Leinonen",
    "Hiltunen",
    "Kallio",
    "Miettinen",
    "Pitkänen",
    "Aaltonen",
    "Manninen",
    "Hyvönen",
    "Väisänen",
    "Lindholm",
    "Nurmi",
    "Anttila",
    "Rinne",
    "Peltonen",
    "Koivisto",
    "Saari",
    "Lindström",
    "Kettunen",
    "Ketola",
    "Vainio",
    "Suominen",
    "Toivonen",
    "Seppälä",
    "Heiskanen",
    "Räsänen",
    "Kokkonen",
    "Kärkkäinen",
    "Huttunen",
    "Honkanen",
    "Sjöberg",
];

/// A trade: the word in a company name, the industry division and the tags it suggests.
pub struct Trade {
    pub word: &'static str,
    pub division: &'static str,
    pub tags: &'static [&'static str],
}

pub const TRADES: &[Trade] = &[
    Trade {
        word: "Hitsaus",
        division: "25",
        tags: &["metalli", "hitsaus"],
    },
    Trade {
        word: "Hitsaamo",
        division: "25",
        tags: &["metalli", "hitsaus"],
    },
    Trade {
        word: "Konepaja",
        division: "28",
        tags: &["metalli", "kone"],
    },
    Trade {
        word: "Metalli",
        division: "25",
        tags: &["metalli"],
    },
    Trade {
        word: "Rakennus",
        division: "41",
        tags: &["rakennus"],
    },
    Trade {
        word: "Rakennuspalvelu",
        division: "43",
        tags: &["rakennus"],
    },
    Trade {
        word: "Sähkö",
        division: "43",
        tags: &["sähkö"],
    },
    Trade {
        word: "Sähköasennus",
        division: "43",
        tags: &["sähkö", "asennus"],
    },
    Trade {
        word: "LVI",
        division: "43",
        tags: &["lvi", "rakennus"],
    },
    Trade {
        word: "Putkityö",
        division: "43",
        tags: &["lvi"],
    },
    Trade {
        word: "Leipomo",
        division: "10",
        tags: &["elintarvike", "leipomo"],
    },
    Trade {
        word: "Ravintola",
        division: "56",
        tags: &["ravintola", "matkailu"],
    },
    Trade {
        word: "Kahvila",
        division: "56",
        tags: &["ravintola"],
    },
    Trade {
        word: "Catering",
        division: "56",
        tags: &["ravintola", "elintarvike"],
    },
    Trade {
        word: "Kuljetus",
        division: "49",
        tags: &["logistiikka", "kuljetus"],
    },
    Trade {
        word: "Logistiikka",
        division: "52",
        tags: &["logistiikka"],
    },
    Trade {
        word: "Autokorjaamo",
        division: "45",
        tags: &["auto", "korjaamo"],
    },
    Trade {
        word: "Autohuolto",
        division: "45",
        tags: &["auto"],
    },
    Trade {
        word: "Kiinteistöhuolto",
        division: "81",
        tags: &["kiinteistö"],
    },
    Trade {
        word: "Siivous",
        division: "81",
        tags: &["puhtaanapito"],
    },
    Trade {
        word: "Kampaamo",
        division: "96",
        tags: &["kauneus"],
    },
    Trade {
        word: "Hoivakoti",
        division: "87",
        tags: &["hoiva", "sote"],
    },
    Trade {
        word: "Kotihoito",
        division: "88",
        tags: &["hoiva", "sote"],
    },
    Trade {
        word: "Tilitoimisto",
        division: "69",
        tags: &["talous"],
    },
    Trade {
        word: "IT-palvelut",
        division: "62",
        tags: &["ict"],
    },
    Trade {
        word: "Ohjelmisto",
        division: "62",
        tags: &["ict"],
    },
    Trade {
        word: "Puutarha",
        division: "01",
        tags: &["puutarha", "luonnonvara"],
    },
    Trade {
        word: "Maatila",
        division: "01",
        tags: &["maatalous", "luonnonvara"],
    },
    Trade {
        word: "Saha",
        division: "16",
        tags: &["puu"],
    },
    Trade {
        word: "Puusepänliike",
        division: "31",
        tags: &["puu", "huonekalu"],
    },
    Trade {
        word: "Painotalo",
        division: "18",
        tags: &["media"],
    },
    Trade {
        word: "Muovi",
        division: "22",
        tags: &["muovi", "tuotanto"],
    },
    Trade {
        word: "Elektroniikka",
        division: "26",
        tags: &["elektroniikka"],
    },
    Trade {
        word: "Maalaamo",
        division: "43",
        tags: &["pintakäsittely"],
    },
    Trade {
        word: "Kone ja Kuljetin",
        division: "28",
        tags: &["kone", "automaatio"],
    },
    Trade {
        word: "Automaatio",
        division: "28",
        tags: &["automaatio"],
    },
    Trade {
        word: "Vaatetus",
        division: "14",
        tags: &["tekstiili"],
    },
    Trade {
        word: "Kauppa",
        division: "47",
        tags: &["kauppa"],
    },
    Trade {
        word: "Tukku",
        division: "46",
        tags: &["kauppa"],
    },
    Trade {
        word: "Matkailu",
        division: "55",
        tags: &["matkailu"],
    },
];

/// Tags any organisation may carry besides those of its trade.
pub const GENERAL_TAGS: &[&str] = &[
    "oppisopimus",
    "työpaikkaohjaaja",
    "kesätyö",
    "perheyritys",
    "vientiyritys",
    "tki",
    "rekrytointi",
    "harjoittelu",
    "kansainvälinen",
    "vastuullisuus",
];

pub const STREETS: &[&str] = &[
    "Teollisuustie",
    "Hämeentie",
    "Kauppakatu",
    "Rautatienkatu",
    "Koulukatu",
    "Kirkkotie",
    "Asemantie",
    "Myllytie",
    "Pajatie",
    "Sahatie",
    "Rantatie",
    "Puistokatu",
    "Tehtaankatu",
    "Urheilutie",
    "Kartanontie",
    "Peltotie",
    "Metsätie",
    "Vanha valtatie",
];

pub const BRAND_HEADS: &[&str] = &[
    "Nor", "Sav", "Kal", "Vir", "Pol", "Lum", "Tai", "Ark", "Hel", "Ilm", "Rau", "Kuu", "Tuli",
    "Vesi", "Kivi", "Puu", "Jää", "Aur",
];
pub const BRAND_TAILS: &[&str] = &[
    "tec", "tron", "lux", "sys", "pro", "ko", "la", "mix", "line", "va", "nova", "tek",
];

pub const PUBLIC_UNITS: &[&str] = &[
    "tekninen toimi",
    "varhaiskasvatus",
    "vanhuspalvelut",
    "nuorisopalvelut",
    "ruokapalvelut",
    "liikuntapalvelut",
    "kirjasto",
    "terveyskeskus",
    "kiinteistöpalvelut",
    "ympäristöpalvelut",
];

pub const ASSOCIATIONS: &[&str] = &[
    "Yrittäjät",
    "Urheiluseura",
    "Martat",
    "4H-yhdistys",
    "Kyläyhdistys",
    "Eläkeläiset",
    "Metsästysseura",
    "VPK",
    "Kotiseutuyhdistys",
    "Mielenterveysseura",
];

pub const TITLES: &[&str] = &[
    "toimitusjohtaja",
    "henkilöstöpäällikkö",
    "työnjohtaja",
    "tuotantopäällikkö",
    "rehtori",
    "opettaja",
    "HR-asiantuntija",
    "yrittäjä",
    "työpaikkaohjaaja",
    "myyntipäällikkö",
    "kehityspäällikkö",
    "palvelupäällikkö",
    "osastonhoitaja",
    "vuoromestari",
    "asiakasvastaava",
];

pub const NOTES: &[&str] = &[
    "Keskusteltiin työpaikalla järjestettävän koulutuksen paikoista kevääksi.",
    "Sovittiin oppisopimuskoulutuksen aloituksesta syksyllä.",
    "Esiteltiin alan koulutustarjontaa ja näyttötutkintoja.",
    "Yritys tarvitsee osaajia, rekrytointi käynnissä.",
    "Vierailu tuotantotiloissa, uusi linja otetaan käyttöön.",
    "Tarjottiin henkilöstökoulutusta: työturvallisuus ja ensiapu.",
    "Puhelu: näyttöjen arvioijat keväälle sovittu.",
    "Työpaikkaohjaajakoulutus sovittu kahdelle ohjaajalle.",
    "Laitteiden yhteiskäytöstä sovittiin alustavasti.",
    "Kesätyöpaikoista opiskelijoille keskusteltiin.",
    "Hankeyhteistyö: mukaan kehittämishankkeeseen.",
    "Opiskelijaryhmän yritysvierailu syyskuussa.",
];

pub const AGREEMENT_TITLES: &[&str] = &[
    "Yhteistyösopimus",
    "Koulutussopimuksen puitesopimus",
    "Laitteiden yhteiskäyttösopimus",
    "Salassapitosopimus",
    "Oppisopimusyhteistyö",
];

/// Forssa region first: the institution is there, so a quarter of the network is too.
pub const HOME_REGION: &[&str] = &["061", "169", "834", "981", "103"];
/// The largest towns, where many partners are.
pub const BIG_TOWNS: &[&str] = &[
    "091", "049", "837", "092", "564", "853", "179", "398", "297", "609", "109", "405",
];
