//! The words the demo network is built from: places of the Forssa region, Finnish names, trades
//! with their TOL 2008 divisions, and the phrases of notes.

/// A municipality the generated companies are placed in: Finnish name, genitive, postcode,
/// and weight (the Forssa region itself dominates).
pub struct Place {
    pub name: &'static str,
    pub genitive: &'static str,
    pub postcode: &'static str,
    pub weight: u32,
}

pub const PLACES: &[Place] = &[
    Place {
        name: "Forssa",
        genitive: "Forssan",
        postcode: "30100",
        weight: 38,
    },
    Place {
        name: "Jokioinen",
        genitive: "Jokioisten",
        postcode: "31600",
        weight: 12,
    },
    Place {
        name: "Tammela",
        genitive: "Tammelan",
        postcode: "31300",
        weight: 12,
    },
    Place {
        name: "Ypäjä",
        genitive: "Ypäjän",
        postcode: "32100",
        weight: 6,
    },
    Place {
        name: "Humppila",
        genitive: "Humppilan",
        postcode: "31640",
        weight: 6,
    },
    Place {
        name: "Loimaa",
        genitive: "Loimaan",
        postcode: "32200",
        weight: 6,
    },
    Place {
        name: "Urjala",
        genitive: "Urjalan",
        postcode: "31760",
        weight: 5,
    },
    Place {
        name: "Somero",
        genitive: "Someron",
        postcode: "31400",
        weight: 5,
    },
    Place {
        name: "Hämeenlinna",
        genitive: "Hämeenlinnan",
        postcode: "13100",
        weight: 6,
    },
    Place {
        name: "Riihimäki",
        genitive: "Riihimäen",
        postcode: "11100",
        weight: 4,
    },
];

/// Villages of the region, as name prefixes, with the municipality they belong to.
pub const VILLAGES: &[(&str, &str)] = &[
    ("Mustialan", "Tammela"),
    ("Liesjärven", "Tammela"),
    ("Portaan", "Tammela"),
    ("Letkun", "Tammela"),
    ("Koijärven", "Forssa"),
    ("Minkiön", "Jokioinen"),
];

/// Regional prefixes that do not tie a name to one municipality.
pub const REGIONAL: &[&str] = &[
    "Lounais-Hämeen",
    "Loimijoen",
    "Hämeen",
    "Kanta-Hämeen",
    "Forssan Seudun",
];

/// Beginnings of coined brand names (Loimitec, Forstrans).
pub const BRAND_STARTS: &[&str] = &[
    "Häme", "Loimi", "Fors", "Joki", "Tammi", "Kanta", "Kivi", "Koski", "Vahva", "Pohja", "Lounais",
];

pub const STREETS: &[&str] = &[
    "Teollisuustie",
    "Kutomonkatu",
    "Hämeentie",
    "Rautatienkatu",
    "Keskuskatu",
    "Myllykatu",
    "Kartanontie",
    "Humppilantie",
    "Loimijoentie",
    "Konepajantie",
    "Tehtaankatu",
    "Pajakatu",
    "Kauppatie",
    "Asemantie",
    "Peltotie",
    "Sahantie",
    "Kylänraitti",
    "Urjalantie",
    "Tammelantie",
    "Ypäjäntie",
];

/// Finnish surnames with their genitive.
pub const SURNAMES: &[(&str, &str)] = &[
    ("Virtanen", "Virtasen"),
    ("Korhonen", "Korhosen"),
    ("Mäkinen", "Mäkisen"),
    ("Nieminen", "Niemisen"),
    ("Mäkelä", "Mäkelän"),
    ("Hämäläinen", "Hämäläisen"),
    ("Laine", "Laineen"),
    ("Heikkinen", "Heikkisen"),
    ("Koskinen", "Koskisen"),
    ("Järvinen", "Järvisen"),
    ("Lehtonen", "Lehtosen"),
    ("Lehtinen", "Lehtisen"),
    ("Saarinen", "Saarisen"),
    ("Salminen", "Salmisen"),
    ("Heinonen", "Heinosen"),
    ("Niemi", "Niemen"),
    ("Heikkilä", "Heikkilän"),
    ("Kinnunen", "Kinnusen"),
    ("Salonen", "Salosen"),
    ("Turunen", "Turusen"),
    ("Salo", "Salon"),
    ("Laitinen", "Laitisen"),
    ("Tuominen", "Tuomisen"),
    ("Rantanen", "Rantasen"),
    ("Jokinen", "Jokisen"),
    ("Mattila", "Mattilan"),
    ("Lahtinen", "Lahtisen"),
    ("Ahonen", "Ahosen"),
    ("Hakala", "Hakalan"),
    ("Peltonen", "Peltosen"),
    ("Aaltonen", "Aaltosen"),
    ("Laaksonen", "Laaksosen"),
    ("Vainio", "Vainion"),
    ("Koivisto", "Koiviston"),
    ("Leppänen", "Leppäsen"),
    ("Kallio", "Kallion"),
    ("Suominen", "Suomisen"),
    ("Mustonen", "Mustosen"),
    ("Helminen", "Helmisen"),
    ("Vuorinen", "Vuorisen"),
    ("Rinne", "Rinteen"),
    ("Anttila", "Anttilan"),
    ("Saari", "Saaren"),
    ("Hietanen", "Hietasen"),
    ("Kivelä", "Kivelän"),
    ("Toivonen", "Toivosen"),
    ("Manninen", "Mannisen"),
    ("Ojala", "Ojalan"),
    ("Kujala", "Kujalan"),
    ("Laakso", "Laakson"),
    ("Lindholm", "Lindholmin"),
    ("Grönroos", "Grönroosin"),
    ("Rosenberg", "Rosenbergin"),
    ("Tamminen", "Tammisen"),
    ("Uusitalo", "Uusitalon"),
    ("Perälä", "Perälän"),
    ("Sillanpää", "Sillanpään"),
    ("Vilén", "Vilénin"),
];

pub const FIRST_NAMES: &[&str] = &[
    "Jari", "Mika", "Timo", "Juha", "Mikko", "Antti", "Petri", "Janne", "Sami", "Ville", "Tuomas",
    "Markku", "Kari", "Pekka", "Jukka", "Matti", "Ari", "Heikki", "Eero", "Olli", "Joonas",
    "Aleksi", "Lauri", "Teemu", "Henri", "Tiina", "Sanna", "Minna", "Katja", "Hanna", "Johanna",
    "Riikka", "Anne", "Päivi", "Satu", "Leena", "Marika", "Kirsi", "Heidi", "Elina", "Laura",
    "Noora", "Emilia", "Jenni", "Sari", "Pirjo", "Anu", "Outi", "Aino", "Milla", "Saara", "Iida",
    "Veera", "Eveliina", "Jussi", "Harri", "Ilkka", "Esa", "Tarja", "Marjo",
];

/// A branch of working life: the trades it is named by, its tags, the people it needs and
/// what the institution does with it.
pub struct Sector {
    pub key: &'static str,
    pub weight: u32,
    /// Trade words with their TOL 2008 division.
    pub trades: &'static [(&'static str, &'static str)],
    /// Endings of coined brand names, empty where brands are unusual.
    pub brand_ends: &'static [&'static str],
    pub tags: &'static [&'static str],
    /// The qualification (perustutkinto) students of the field take.
    pub qualification: &'static str,
    /// Who the companies hire, in the partitive plural.
    pub occupations: &'static [&'static str],
    /// Machines and spaces that could be shared.
    pub equipment: &'static [&'static str],
    /// Training the companies buy.
    pub trainings: &'static [&'static str],
    /// Titles of contact people.
    pub titles: &'static [&'static str],
    /// Index of the staff member (in `STAFF`) who usually owns the field's partners.
    pub owner: usize,
    /// Whether sharing machines is common in the field.
    pub shares_equipment: bool,
    /// Whether the field does product development with schools.
    pub develops: bool,
}

pub const SECTORS: &[Sector] = &[
    Sector {
        key: "metal",
        weight: 14,
        trades: &[
            ("Hitsaamo", "25"),
            ("Konepaja", "28"),
            ("Metalli", "25"),
            ("Levytyö", "25"),
            ("Teräsrakenne", "25"),
            ("Koneistus", "25"),
            ("Hydrauliikka", "28"),
            ("Metallituote", "25"),
            ("Kone ja Metalli", "28"),
        ],
        brand_ends: &["tec", "metal", "steel", "weld"],
        tags: &["metalli", "hitsaus", "koneistus", "cnc", "levytyö"],
        qualification: "kone- ja tuotantotekniikan perustutkinto",
        occupations: &[
            "hitsaajia",
            "koneistajia",
            "levysepänhitsaajia",
            "asentajia",
        ],
        equipment: &[
            "CNC-sorvi",
            "särmäyspuristin",
            "hitsausrobotti",
            "laserleikkain",
        ],
        trainings: &[
            "hitsaajan pätevyyskokeeseen valmentava koulutus",
            "CNC-ohjelmoinnin täydennyskoulutus",
            "tulityökorttikoulutus",
        ],
        titles: &[
            "toimitusjohtaja",
            "tuotantopäällikkö",
            "työnjohtaja",
            "laatupäällikkö",
        ],
        owner: 1,
        shares_equipment: true,
        develops: true,
    },
    Sector {
        key: "construction",
        weight: 14,
        trades: &[
            ("Rakennus", "41"),
            ("Rakenne", "41"),
            ("Talo", "41"),
            ("Remontti", "43"),
            ("Sähkö", "43"),
            ("LVI", "43"),
            ("Maalaus", "43"),
            ("Kattotyö", "43"),
            ("Maanrakennus", "43"),
        ],
        brand_ends: &["build", "rakenne"],
        tags: &["rakentaminen", "talonrakennus", "sähkö", "lvi"],
        qualification: "talonrakennusalan perustutkinto",
        occupations: &[
            "kirvesmiehiä",
            "talonrakentajia",
            "sähköasentajia",
            "putkiasentajia",
        ],
        equipment: &[
            "rakennustelineet",
            "kaivinkonesimulaattori",
            "betonisekoitin",
        ],
        trainings: &[
            "työturvallisuuskorttikoulutus",
            "tulityökorttikoulutus",
            "sähkötyöturvallisuuskoulutus",
        ],
        titles: &[
            "toimitusjohtaja",
            "vastaava työnjohtaja",
            "työmaapäällikkö",
            "yrittäjä",
        ],
        owner: 3,
        shares_equipment: true,
        develops: false,
    },
    Sector {
        key: "food",
        weight: 7,
        trades: &[
            ("Leipomo", "10"),
            ("Liha", "10"),
            ("Mylly", "10"),
            ("Juustola", "10"),
            ("Elintarvike", "10"),
            ("Herkku", "10"),
            ("Pakari", "10"),
            ("Savustamo", "10"),
        ],
        brand_ends: &["food", "foods"],
        tags: &["elintarvike", "ruoka", "lähiruoka"],
        qualification: "elintarvikealan perustutkinto",
        occupations: &["leipureita", "elintarviketyöntekijöitä", "lihanleikkaajia"],
        equipment: &["leipomolinja", "pakkauskone", "elintarvikelaboratorio"],
        trainings: &[
            "hygieniaosaamiskoulutus",
            "elintarviketurvallisuuden täydennyskoulutus",
        ],
        titles: &[
            "toimitusjohtaja",
            "tuotantopäällikkö",
            "laatupäällikkö",
            "yrittäjä",
        ],
        owner: 9,
        shares_equipment: true,
        develops: true,
    },
    Sector {
        key: "logistics",
        weight: 8,
        trades: &[
            ("Kuljetus", "49"),
            ("Logistiikka", "49"),
            ("Rahti", "49"),
            ("Liikenne", "49"),
            ("Kuljetuspalvelu", "49"),
            ("Varastopalvelu", "52"),
        ],
        brand_ends: &["trans", "cargo", "log"],
        tags: &["logistiikka", "kuljetus", "varasto"],
        qualification: "logistiikan perustutkinto",
        occupations: &[
            "yhdistelmäajoneuvonkuljettajia",
            "varastotyöntekijöitä",
            "jakelunkuljettajia",
        ],
        equipment: &["ajosimulaattori", "trukki", "varastoautomaatti"],
        trainings: &[
            "ammattipätevyyden jatkokoulutus",
            "trukkikorttikoulutus",
            "ADR-koulutus",
        ],
        titles: &[
            "toimitusjohtaja",
            "kuljetuspäällikkö",
            "liikennöitsijä",
            "varastopäällikkö",
        ],
        owner: 5,
        shares_equipment: true,
        develops: false,
    },
    Sector {
        key: "care",
        weight: 9,
        trades: &[
            ("Hoivakoti", "87"),
            ("Palvelukoti", "87"),
            ("Hoiva", "87"),
            ("Kotihoito", "88"),
            ("Päiväkoti", "88"),
            ("Kotipalvelu", "88"),
        ],
        brand_ends: &["care"],
        tags: &["sote", "hoiva", "varhaiskasvatus"],
        qualification: "sosiaali- ja terveysalan perustutkinto",
        occupations: &["lähihoitajia", "hoiva-avustajia", "lastenhoitajia"],
        equipment: &["hoitoalan simulaatiotila", "nostolaitteet"],
        trainings: &[
            "lääkehoidon osaamisen (LOVe) koulutus",
            "ensiapukoulutus (EA1)",
            "muistisairaan kohtaamisen koulutus",
        ],
        titles: &[
            "vastaava sairaanhoitaja",
            "palvelupäällikkö",
            "yksikön johtaja",
            "yrittäjä",
        ],
        owner: 2,
        shares_equipment: false,
        develops: false,
    },
    Sector {
        key: "agriculture",
        weight: 9,
        trades: &[
            ("Maatila", "01"),
            ("Tila", "01"),
            ("Luomutila", "01"),
            ("Marjatila", "01"),
            ("Puutarha", "01"),
            ("Kartano", "01"),
            ("Kasvihuone", "01"),
        ],
        brand_ends: &[],
        tags: &["maatalous", "luomu", "kotieläimet", "puutarha"],
        qualification: "maatalousalan perustutkinto",
        occupations: &[
            "karjanhoitajia",
            "maatalouslomittajia",
            "kausityöntekijöitä",
        ],
        equipment: &["lypsyrobotti", "traktori", "kylvökone"],
        trainings: &[
            "kasvinsuojelututkintoon valmentava koulutus",
            "työkoneiden turvallinen käyttö",
        ],
        titles: &["yrittäjä", "isäntä", "emäntä", "tilanhoitaja"],
        owner: 9,
        shares_equipment: true,
        develops: true,
    },
    Sector {
        key: "retail",
        weight: 7,
        trades: &[
            ("Kauppa", "47"),
            ("Rauta", "47"),
            ("Kukka", "47"),
            ("Maatalouskauppa", "46"),
            ("Sisustus", "47"),
            ("Urheilu", "47"),
        ],
        brand_ends: &["market", "shop"],
        tags: &["kauppa", "asiakaspalvelu", "myynti"],
        qualification: "liiketoiminnan perustutkinto",
        occupations: &["myyjiä", "asiakaspalvelijoita", "varastotyöntekijöitä"],
        equipment: &["kassajärjestelmä"],
        trainings: &["asiakaspalvelukoulutus", "verkkokaupan perusteet"],
        titles: &["kauppias", "myymäläpäällikkö", "toimitusjohtaja"],
        owner: 6,
        shares_equipment: false,
        develops: false,
    },
    Sector {
        key: "restaurant",
        weight: 6,
        trades: &[
            ("Ravintola", "56"),
            ("Kahvila", "56"),
            ("Pitopalvelu", "56"),
            ("Lounas", "56"),
            ("Catering", "56"),
        ],
        brand_ends: &[],
        tags: &["ravintola", "ruokapalvelu", "matkailu"],
        qualification: "ravintola- ja catering-alan perustutkinto",
        occupations: &["kokkeja", "tarjoilijoita", "ravintolatyöntekijöitä"],
        equipment: &["opetuskeittiö"],
        trainings: &[
            "hygieniaosaamiskoulutus",
            "anniskelupassikoulutus",
            "erityisruokavaliot",
        ],
        titles: &[
            "ravintoloitsija",
            "keittiöpäällikkö",
            "ravintolapäällikkö",
            "yrittäjä",
        ],
        owner: 4,
        shares_equipment: false,
        develops: false,
    },
    Sector {
        key: "ict",
        weight: 4,
        trades: &[
            ("Data", "62"),
            ("IT-palvelu", "62"),
            ("Tietotekniikka", "62"),
            ("Verkkopalvelu", "63"),
            ("Ohjelmisto", "62"),
        ],
        brand_ends: &["soft", "data", "net", "digi", "code"],
        tags: &["ict", "ohjelmistot", "tietoturva", "digitalisaatio"],
        qualification: "tieto- ja viestintätekniikan perustutkinto",
        occupations: &[
            "ohjelmistokehittäjiä",
            "IT-tukihenkilöitä",
            "verkkoasentajia",
        ],
        equipment: &["3D-tulostin", "palvelinlaboratorio"],
        trainings: &["tietoturvan perusteet", "tekoälyn hyödyntäminen työssä"],
        titles: &[
            "toimitusjohtaja",
            "teknologiajohtaja",
            "ohjelmistokehittäjä",
            "HR-asiantuntija",
        ],
        owner: 7,
        shares_equipment: false,
        develops: true,
    },
    Sector {
        key: "auto",
        weight: 5,
        trades: &[
            ("Autokorjaamo", "45"),
            ("Autohuolto", "45"),
            ("Rengas", "45"),
            ("Automaalaamo", "45"),
            ("Autopalvelu", "45"),
        ],
        brand_ends: &["auto"],
        tags: &["ajoneuvot", "korjaamo", "sähköautot"],
        qualification: "ajoneuvoalan perustutkinto",
        occupations: &["ajoneuvoasentajia", "automaalareita", "rengasasentajia"],
        equipment: &["diagnostiikkalaite", "maalauskaappi", "nostin"],
        trainings: &[
            "sähköautojen turvallinen huolto",
            "ilmastointilaitteiden huolto",
        ],
        titles: &["korjaamopäällikkö", "yrittäjä", "huoltoneuvoja"],
        owner: 10,
        shares_equipment: true,
        develops: false,
    },
    Sector {
        key: "wood",
        weight: 4,
        trades: &[
            ("Saha", "16"),
            ("Puutuote", "16"),
            ("Puusepänliike", "16"),
            ("Hirsi", "16"),
            ("Puusepät", "16"),
        ],
        brand_ends: &["wood"],
        tags: &["puu", "puusepät", "kiertotalous"],
        qualification: "puualan perustutkinto",
        occupations: &["puuseppiä", "sahatyöntekijöitä", "levytyöntekijöitä"],
        equipment: &["CNC-jyrsin", "kantinliimauskone", "maalaamo"],
        trainings: &[
            "CNC-jyrsinnän täydennyskoulutus",
            "työturvallisuuskorttikoulutus",
        ],
        titles: &["toimitusjohtaja", "tuotantopäällikkö", "yrittäjä"],
        owner: 3,
        shares_equipment: true,
        develops: false,
    },
    Sector {
        key: "industry",
        weight: 3,
        trades: &[
            ("Paino", "18"),
            ("Muovi", "22"),
            ("Tekstiili", "13"),
            ("Pakkaus", "17"),
            ("Automaatio", "33"),
        ],
        brand_ends: &["pack", "print", "tec"],
        tags: &["teollisuus", "prosessit", "automaatio"],
        qualification: "prosessiteollisuuden perustutkinto",
        occupations: &["prosessinhoitajia", "koneenhoitajia", "automaatioasentajia"],
        equipment: &["automaatiolaboratorio", "robottisolu"],
        trainings: &[
            "automaation täydennyskoulutus",
            "työturvallisuuskorttikoulutus",
        ],
        titles: &[
            "tehtaanjohtaja",
            "tuotantopäällikkö",
            "HR-päällikkö",
            "kunnossapitopäällikkö",
        ],
        owner: 8,
        shares_equipment: true,
        develops: true,
    },
    Sector {
        key: "beauty",
        weight: 3,
        trades: &[
            ("Parturi-kampaamo", "96"),
            ("Kauneushoitola", "96"),
            ("Hiusstudio", "96"),
        ],
        brand_ends: &[],
        tags: &["kauneudenhoito", "hiukset", "yrittäjyys"],
        qualification: "hius- ja kauneudenhoitoalan perustutkinto",
        occupations: &["parturi-kampaajia", "kosmetologeja"],
        equipment: &["kampaamotila"],
        trainings: &["yrittäjyyden perusteet"],
        titles: &["yrittäjä", "parturi-kampaaja"],
        owner: 6,
        shares_equipment: false,
        develops: false,
    },
    Sector {
        key: "cleaning",
        weight: 3,
        trades: &[
            ("Siivous", "81"),
            ("Kiinteistöhuolto", "81"),
            ("Puhtaanapito", "81"),
        ],
        brand_ends: &["clean"],
        tags: &["kiinteistöpalvelut", "siivous"],
        qualification: "puhtaus- ja kiinteistöpalvelualan perustutkinto",
        occupations: &["toimitilahuoltajia", "kiinteistönhoitajia"],
        equipment: &["yhdistelmäkone"],
        trainings: &["puhdistuspalvelujen laatukoulutus"],
        titles: &["yrittäjä", "palveluesimies", "toimitusjohtaja"],
        owner: 10,
        shares_equipment: false,
        develops: false,
    },
    Sector {
        key: "horse",
        weight: 2,
        trades: &[
            ("Talli", "01"),
            ("Hevospalvelu", "01"),
            ("Ratsastuskoulu", "93"),
        ],
        brand_ends: &[],
        tags: &["hevostalous", "ratsastus"],
        qualification: "hevostalouden perustutkinto",
        occupations: &["hevostenhoitajia", "ratsastuksenohjaajia"],
        equipment: &["maneesi", "hevoskuljetusauto"],
        trainings: &[
            "hevosen hyvinvointi",
            "ratsastuksenohjaajan täydennyskoulutus",
        ],
        titles: &["yrittäjä", "tallimestari"],
        owner: 9,
        shares_equipment: true,
        develops: false,
    },
    Sector {
        key: "environment",
        weight: 2,
        trades: &[
            ("Kierrätys", "38"),
            ("Jätehuolto", "38"),
            ("Ympäristöhuolto", "38"),
            ("Biokaasu", "35"),
        ],
        brand_ends: &["cycle", "eco"],
        tags: &["kiertotalous", "ympäristö", "energia"],
        qualification: "luonto- ja ympäristöalan perustutkinto",
        occupations: &["ympäristöhuoltajia", "kuljettajia", "prosessityöntekijöitä"],
        equipment: &["murskain", "biokaasulaboratorio"],
        trainings: &["jätehuollon täydennyskoulutus", "kiertotalouden perusteet"],
        titles: &["toimitusjohtaja", "ympäristöpäällikkö", "tuotantopäällikkö"],
        owner: 8,
        shares_equipment: true,
        develops: true,
    },
    Sector {
        key: "accommodation",
        weight: 1,
        trades: &[("Majatalo", "55"), ("Hotelli", "55"), ("Lomakylä", "55")],
        brand_ends: &[],
        tags: &["matkailu", "majoitus"],
        qualification: "matkailualan perustutkinto",
        occupations: &["vastaanottovirkailijoita", "kerroshoitajia"],
        equipment: &["kokoustilat"],
        trainings: &["asiakaspalvelukoulutus", "kielikoulutus matkailuun"],
        titles: &["hotellinjohtaja", "yrittäjä"],
        owner: 4,
        shares_equipment: false,
        develops: false,
    },
    Sector {
        key: "accounting",
        weight: 2,
        trades: &[("Tilitoimisto", "69"), ("Kirjanpito", "69")],
        brand_ends: &[],
        tags: &["taloushallinto", "yrityspalvelut"],
        qualification: "liiketoiminnan perustutkinto",
        occupations: &["kirjanpitäjiä", "palkanlaskijoita"],
        equipment: &[],
        trainings: &["taloushallinnon ohjelmistot"],
        titles: &["yrittäjä", "toimitusjohtaja", "kirjanpitäjä"],
        owner: 6,
        shares_equipment: false,
        develops: false,
    },
];

/// The staff of LHKK who use the demo, with their role code (their work in the comment).
/// The first is the demo administrator (the working-life coordinator).
pub struct Staff {
    pub first: &'static str,
    pub last: &'static str,
    pub role: &'static str,
}

pub const STAFF: &[Staff] = &[
    Staff {
        first: "Tiina",
        last: "Koskinen",
        role: "admin",
    }, // työelämäkoordinaattori
    Staff {
        first: "Jari",
        last: "Lehtonen",
        role: "staff",
    }, // opettaja, kone- ja tuotantotekniikka
    Staff {
        first: "Sanna",
        last: "Mäkelä",
        role: "staff",
    }, // koulutuspäällikkö, sosiaali- ja terveysala
    Staff {
        first: "Mikko",
        last: "Heinonen",
        role: "staff",
    }, // opettaja, talonrakennus
    Staff {
        first: "Hanna",
        last: "Virtanen",
        role: "staff",
    }, // opettaja, ravintola-ala
    Staff {
        first: "Petri",
        last: "Salminen",
        role: "staff",
    }, // opettaja, logistiikka
    Staff {
        first: "Minna",
        last: "Laaksonen",
        role: "staff",
    }, // oppisopimuskoordinaattori
    Staff {
        first: "Antti",
        last: "Rantanen",
        role: "staff",
    }, // opettaja, tieto- ja viestintätekniikka
    Staff {
        first: "Timo",
        last: "Aaltonen",
        role: "staff",
    }, // koulutuspäällikkö, tekniikka
    Staff {
        first: "Katja",
        last: "Nieminen",
        role: "staff",
    }, // opettaja, luonnonvara-ala
    Staff {
        first: "Juha",
        last: "Saarinen",
        role: "staff",
    }, // opettaja, ajoneuvoala
    Staff {
        first: "Leena",
        last: "Hakala",
        role: "staff",
    }, // työllisyyskoordinaattori, Virta
    Staff {
        first: "Markku",
        last: "Kallio",
        role: "viewer",
    }, // rehtori
];

pub const LAWFUL_CONTRACT: &str = "Sopimussuhde: yhteyshenkilö yhteistyösopimuksessa";
pub const LAWFUL_INTEREST: &str =
    "Oikeutettu etu: työelämäyhteistyön yhteyshenkilö, tiedot organisaation julkisista lähteistä";
pub const LAWFUL_CONSENT: &str =
    "Suostumus: yhteydenpito työpaikalla järjestettävästä koulutuksesta ja oppisopimuksista";

pub const SEASONS: &[&str] = &[
    "ensi keväälle",
    "syyslukukaudelle",
    "kesäkaudelle",
    "tammikuusta alkaen",
    "maaliskuulle",
];

pub const GENERAL_TRAININGS: &[&str] = &[
    "työpaikkaohjaajakoulutus",
    "esihenkilötyön täydennyskoulutus",
    "suomen kieli työpaikalla -koulutus",
    "työturvallisuuskorttikoulutus",
];
