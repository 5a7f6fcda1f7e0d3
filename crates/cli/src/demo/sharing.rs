//! The shared-use part of the demo: about forty resources of the institution (LHKK), two other
//! schools and a few companies, with opening hours, rules and prices, a qualification the CNC
//! lathe requires, and a year of bookings back and a few months ahead, so that the calendars,
//! the approval queue and the figures show something true.
//!
//! Planned from the demo's seed and day without I/O ([`plan`]), then written ([`write`]). The
//! bookings are written in bulk rather than through `booking::book`, which checks and audits
//! one request at a time and would make `vaski demo` take tens of seconds; their audit entries
//! are written in bulk too, one per booking as `book` writes it. The plan keeps the
//! invariants `book` guarantees itself, by the same domain rules: the clash rules
//! ([`clash::conflicts`], with buffers, wholes and parts, and pool units) on every occupying
//! booking, opening hours, eligibility, the price rule, and the lathe's qualification held by
//! the contact person on the day. The demo tests check the result in the database.

use super::plan::DemoNetwork;
use super::words::{self, SECTORS};
use anyhow::{anyhow, Context};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;
use vaski_domain::account::Role;
use vaski_domain::network::person::PersonInput;
use vaski_domain::network::{OrganisationKind, OrganisationStatus};
use vaski_domain::sharing::clash::{self, Hierarchy, Occupancy, Occupant, Request};
use vaski_domain::sharing::draft::{PriceInput, ResourceDraft, ResourceInput};
use vaski_domain::sharing::location::LocationInput;
use vaski_domain::sharing::resource::{Approval, BookerKind, BookingStatus};
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::audit;
use vaski_store::db::to_offset_date_time;
use vaski_store::network::person;
use vaski_store::sharing::location;
use vaski_store::sharing::manager;
use vaski_store::sharing::qualification;
use vaski_store::sharing::resource::{self, DatedException, WeeklyRange};
use vaski_store::{sql, Actor, Db, Tx};

/// The qualification the CNC lathe requires.
pub const LATHE_QUALIFICATION: &str = "CNC-sorvin turvallisuusperehdytys";
/// The demo user who teaches on the lathe and approves its bookings (index in `words::STAFF`).
pub const LATHE_TEACHER: usize = 1;
/// The production manager of a company that shares its machines and books the lathe.
pub const PRODUCTION_MANAGER_EMAIL: &str = "tuotantopaallikko@jokioistenkonepaja.example";
const PRODUCTION_COMPANY: &str = "jokioistenkonepaja";
/// How far back and ahead the bookings go, in days.
const HISTORY_DAYS: i64 = 365;
const AHEAD_DAYS: i64 = 120;
/// Scales every resource's demand: busy enough that the figures tell something, idle enough
/// that sharing still has room to grow.
const DEMAND: f64 = 1.3;

/// Who books a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Audience {
    /// The owner itself.
    Own,
    /// Other schools, universities and research institutes.
    Institutions,
    /// Active companies of a sector (a key of `words::SECTORS`).
    Sector(&'static str),
    Associations,
    PublicBodies,
    /// The companies whose people hold the lathe's qualification.
    Holders,
}

/// When a resource is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hours {
    /// Monday to Friday 8–16.
    Office,
    /// Monday to Friday 7:30–18.
    Workshop,
    /// Monday to Friday 8–20.
    Long,
    /// Weekday evenings 16–21:30 and weekends 10–18.
    Evenings,
    /// Monday to Saturday 7–17.
    Farm,
    /// Every day 6–22.
    Daily,
}

impl Hours {
    fn weekly(self) -> Vec<WeeklyRange> {
        let range = |weekday: i64, from: i64, to: i64| WeeklyRange {
            weekday,
            opens_minute: from,
            closes_minute: to,
        };
        let days = |days: std::ops::RangeInclusive<i64>, from: i64, to: i64| {
            days.map(move |d| range(d, from, to))
        };
        match self {
            Hours::Office => days(1..=5, 8 * 60, 16 * 60).collect(),
            Hours::Workshop => days(1..=5, 7 * 60 + 30, 18 * 60).collect(),
            Hours::Long => days(1..=5, 8 * 60, 20 * 60).collect(),
            Hours::Evenings => days(1..=5, 16 * 60, 21 * 60 + 30)
                .chain(days(6..=7, 10 * 60, 18 * 60))
                .collect(),
            Hours::Farm => days(1..=6, 7 * 60, 17 * 60).collect(),
            Hours::Daily => days(1..=7, 6 * 60, 22 * 60).collect(),
        }
    }
}

/// One resource of the demo, as its owner would describe it.
struct Spec {
    key: &'static str,
    name: &'static str,
    kind: &'static str,
    /// The owner: an anchor key of the demo network.
    owner: &'static str,
    part_of: Option<&'static str>,
    building: &'static str,
    room: &'static str,
    description: &'static str,
    capacity_people: Option<i64>,
    quantity: u32,
    approval: &'static str,
    eligibility: &'static str,
    hours: Hours,
    closed_on_public_holidays: bool,
    min_minutes: Option<i64>,
    max_minutes: Option<i64>,
    buffer_after: i64,
    /// Booker kind, euros per hour, euros per day.
    prices: &'static [(&'static str, &'static str, &'static str)],
    qualification: bool,
    /// The staff member (index in `words::STAFF`) who looks after it and decides its requests.
    responsible: usize,
    /// The chance that an open day of term has bookings at all.
    demand: f64,
    /// Most bookings on one busy day.
    most_per_day: u32,
    /// Lengths of a booking, in minutes.
    durations: &'static [i64],
    /// Units of a pool a booking takes, least and most.
    units: (u32, u32),
    audience: &'static [(Audience, u32)],
    purposes: &'static [&'static str],
    own_purposes: &'static [&'static str],
    /// The share of past bookings the owner marked as not come to.
    no_show_rate: f64,
    /// A monthly two-hour maintenance block on the first working day of the month.
    maintenance: bool,
}

const BASE: Spec = Spec {
    key: "",
    name: "",
    kind: "machine",
    owner: "lhkk",
    part_of: None,
    building: "",
    room: "",
    description: "",
    capacity_people: None,
    quantity: 1,
    approval: "automatic",
    eligibility: "registered_partners",
    hours: Hours::Office,
    closed_on_public_holidays: true,
    min_minutes: Some(60),
    max_minutes: None,
    buffer_after: 0,
    prices: &[],
    qualification: false,
    responsible: 0,
    demand: 0.5,
    most_per_day: 2,
    durations: &[120, 180, 240],
    units: (1, 1),
    audience: &[(Audience::Own, 1)],
    purposes: &["Yrityksen oma käyttö"],
    own_purposes: &["Opetus"],
    no_show_rate: 0.0,
    maintenance: false,
};

use Audience::*;

const MACHINE_PRICES: &[(&str, &str, &str)] = &[
    ("own", "0", ""),
    ("institution", "35", "240"),
    ("company", "55", "380"),
];
const ROOM_PRICES: &[(&str, &str, &str)] = &[
    ("own", "0", ""),
    ("institution", "20", "120"),
    ("company", "35", "220"),
    ("association", "15", "90"),
    ("public_body", "25", "150"),
];
const METAL_PURPOSES: &[&str] = &[
    "Prototyypin valmistus",
    "Varaosan koneistus asiakkaalle",
    "Sarjatuotannon koeajo",
    "Työntekijän perehdytys",
    "Kiireellinen alihankintatyö",
];
const METAL_TEACHING: &[&str] = &[
    "Opetus: koneistajan perustutkinto",
    "Näyttö: CNC-koneistus",
    "Aikuiskoulutus: CNC-ohjelmointi",
];
const MEETING_PURPOSES: &[&str] = &[
    "Hallituksen kokous",
    "Asiakastilaisuus",
    "Työpaja",
    "Rekrytointitilaisuus",
    "Koulutuspäivä",
];

const SPECS: &[Spec] = &[
    // LHKK, kone- ja tuotantotekniikka
    Spec {
        key: "lathe",
        name: "CNC-sorvi Okuma Genos L300",
        building: "Tekniikan talo",
        room: "Konehalli T110",
        description: "Ohjelmoitava CNC-sorvi kappaleille Ø 300 mm asti. Käyttäjältä vaaditaan CNC-sorvin turvallisuusperehdytys. Vastuuopettaja Jari Lehtonen hyväksyy varaukset.",
        approval: "owner",
        hours: Hours::Workshop,
        min_minutes: Some(60),
        max_minutes: Some(8 * 60),
        buffer_after: 15,
        prices: MACHINE_PRICES,
        qualification: true,
        responsible: LATHE_TEACHER,
        demand: 0.75,
        most_per_day: 3,
        durations: &[120, 180, 240, 300],
        audience: &[(Own, 5), (Holders, 4)],
        purposes: METAL_PURPOSES,
        own_purposes: METAL_TEACHING,
        no_show_rate: 0.04,
        maintenance: true,
        ..BASE
    },
    Spec {
        key: "machining",
        name: "CNC-koneistuskeskus Haas VF-2",
        building: "Tekniikan talo",
        room: "Konehalli T110",
        description: "Kolmiakselinen pystykaraistuskeskus.",
        approval: "owner",
        hours: Hours::Workshop,
        buffer_after: 15,
        prices: MACHINE_PRICES,
        responsible: LATHE_TEACHER,
        demand: 0.6,
        durations: &[120, 240, 360],
        audience: &[(Own, 5), (Sector("metal"), 3), (Institutions, 1)],
        purposes: METAL_PURPOSES,
        own_purposes: METAL_TEACHING,
        no_show_rate: 0.03,
        maintenance: true,
        ..BASE
    },
    Spec {
        key: "press",
        name: "Särmäyspuristin 100 t",
        building: "Tekniikan talo",
        room: "Ohutlevyhalli T120",
        prices: MACHINE_PRICES,
        responsible: LATHE_TEACHER,
        demand: 0.35,
        audience: &[(Own, 3), (Sector("metal"), 3)],
        purposes: METAL_PURPOSES,
        own_purposes: METAL_TEACHING,
        ..BASE
    },
    Spec {
        key: "laser",
        name: "Kuitulaserleikkain 3 kW",
        building: "Tekniikan talo",
        room: "Ohutlevyhalli T120",
        description: "Levyjen leikkaus 3 × 1,5 m, teräs 15 mm asti.",
        approval: "owner",
        prices: &[("own", "0", ""), ("institution", "60", ""), ("company", "95", "")],
        responsible: 8,
        demand: 0.4,
        durations: &[60, 120, 180],
        audience: &[(Own, 2), (Sector("metal"), 4), (Sector("industry"), 1)],
        purposes: METAL_PURPOSES,
        own_purposes: METAL_TEACHING,
        buffer_after: 30,
        ..BASE
    },
    Spec {
        key: "printer",
        name: "3D-tulostin Ultimaker S5",
        kind: "equipment",
        building: "Tekniikan talo",
        room: "Tuotekehitystila T204",
        hours: Hours::Long,
        prices: &[("own", "0", ""), ("institution", "8", "50"), ("company", "12", "80")],
        responsible: 7,
        demand: 0.45,
        durations: &[120, 240, 480],
        audience: &[(Own, 3), (Sector("ict"), 1), (Sector("industry"), 1), (Institutions, 1)],
        purposes: &["Prototyypin tulostus", "Varaosan tulostus", "Messunäyttely"],
        own_purposes: &["Opetus: tuotekehitys", "Opiskelijaprojekti"],
        ..BASE
    },
    // Hitsaushalli ja sen kopit
    Spec {
        key: "hall",
        name: "Hitsaushalli",
        kind: "facility",
        building: "Tekniikan talo",
        room: "Hitsaushalli T130",
        description: "Koko halli kuudella hitsauskopilla, nosturi 5 t. Koko hallin varaus estää koppien varaukset.",
        capacity_people: Some(16),
        approval: "owner",
        hours: Hours::Workshop,
        min_minutes: Some(240),
        buffer_after: 30,
        prices: &[("own", "0", ""), ("institution", "90", "600"), ("company", "140", "900")],
        responsible: LATHE_TEACHER,
        demand: 0.06,
        most_per_day: 1,
        durations: &[480, 600],
        audience: &[(Own, 1), (Sector("metal"), 1), (Institutions, 1)],
        purposes: &["Hitsaajan pätevyyskoe", "Hitsauskilpailu", "Yrityksen koulutuspäivä"],
        own_purposes: &["Taitaja-karsinta", "Hitsauksen näyttöpäivä"],
        ..BASE
    },
    Spec { key: "booth1", name: "Hitsauskoppi 1 (MIG/MAG)", part_of: Some("hall"), ..BOOTH },
    Spec { key: "booth2", name: "Hitsauskoppi 2 (MIG/MAG)", part_of: Some("hall"), ..BOOTH },
    Spec { key: "booth3", name: "Hitsauskoppi 3 (MIG/MAG)", part_of: Some("hall"), ..BOOTH },
    Spec { key: "booth4", name: "Hitsauskoppi 4 (TIG)", part_of: Some("hall"), ..BOOTH },
    Spec { key: "booth5", name: "Hitsauskoppi 5 (TIG)", part_of: Some("hall"), ..BOOTH },
    Spec { key: "booth6", name: "Hitsauskoppi 6 (puikko)", part_of: Some("hall"), demand: 0.3, ..BOOTH },
    // Luonnonvara-ala, ravintola-ala, ajoneuvoala
    Spec {
        key: "simulator",
        name: "Metsäkonesimulaattori Ponsse",
        kind: "equipment",
        building: "Luonnonvara-alan talo",
        room: "Simulaattoriluokka L12",
        description: "Harvesterin ja kuormatraktorin ajosimulaattori kahdella ohjaamolla.",
        prices: &[("own", "0", ""), ("institution", "40", "250"), ("company", "60", "380"), ("public_body", "45", "280")],
        responsible: 9,
        demand: 0.45,
        durations: &[120, 180, 240],
        audience: &[(Own, 4), (Sector("agriculture"), 2), (Institutions, 1), (PublicBodies, 1)],
        purposes: &["Kuljettajan perehdytys", "Rekrytointitesti", "Työvoimakoulutuksen harjoitus"],
        own_purposes: &["Opetus: metsäkoneenkuljettaja", "Näyttö: harvesterin ajo"],
        no_show_rate: 0.03,
        ..BASE
    },
    Spec {
        key: "kitchen",
        name: "Opetusravintola Kiisla, keittiö",
        kind: "facility",
        building: "Ravintolatalo",
        room: "Keittiö R01",
        description: "Ammattikeittiö kahdeksalle kokille: yhdistelmäuunit, pataliesi, kylmiöt. Siivous varauksen jälkeen.",
        capacity_people: Some(12),
        approval: "owner",
        hours: Hours::Long,
        min_minutes: Some(180),
        buffer_after: 60,
        prices: &[("own", "0", ""), ("institution", "60", "380"), ("company", "95", "600"), ("association", "45", "280")],
        responsible: 4,
        demand: 0.4,
        most_per_day: 2,
        durations: &[180, 240, 300],
        audience: &[(Own, 4), (Sector("restaurant"), 2), (Sector("food"), 2), (Associations, 1)],
        purposes: &["Tuotekehitys: uusi annos", "Pitopalvelun tilaus", "Henkilöstön hygieniakoulutus", "Hyväntekeväisyysillallinen"],
        own_purposes: &["Opetus: kokki", "Näyttö: à la carte"],
        no_show_rate: 0.05,
        ..BASE
    },
    Spec {
        key: "garage",
        name: "Autokorjaamo",
        kind: "facility",
        building: "Autotalo",
        room: "Korjaamohalli A1",
        description: "Kahden nostimen korjaamohalli; koko hallin varaus estää nostinpaikkojen varaukset.",
        capacity_people: Some(10),
        approval: "owner",
        hours: Hours::Workshop,
        min_minutes: Some(240),
        prices: &[("own", "0", ""), ("institution", "70", "450"), ("company", "110", "700")],
        responsible: 10,
        demand: 0.05,
        most_per_day: 1,
        durations: &[480],
        audience: &[(Own, 1), (Sector("auto"), 1)],
        purposes: &["Huoltoseminaari", "Sähköautokoulutus"],
        own_purposes: &["Näyttöpäivä: ajoneuvoasentaja"],
        ..BASE
    },
    Spec { key: "lift1", name: "Nostinpaikka 1", part_of: Some("garage"), ..LIFT },
    Spec { key: "lift2", name: "Nostinpaikka 2", part_of: Some("garage"), ..LIFT },
    Spec {
        key: "paint",
        name: "Ruiskumaalaamo",
        kind: "facility",
        building: "Autotalo",
        room: "Maalaamo A3",
        buffer_after: 60,
        prices: &[("own", "0", ""), ("company", "85", "550")],
        responsible: 10,
        demand: 0.3,
        most_per_day: 1,
        durations: &[240, 360],
        audience: &[(Own, 3), (Sector("auto"), 2)],
        purposes: &["Kolarikorjauksen maalaus", "Pienerän maalaus"],
        own_purposes: &["Opetus: automaalari"],
        ..BASE
    },
    Spec {
        key: "lab",
        name: "Elintarvikelaboratorio",
        kind: "learning_environment",
        building: "Luonnonvara-alan talo",
        room: "Laboratorio L20",
        description: "Mikrobiologiset ja kemialliset perusmääritykset, vetokaapit.",
        capacity_people: Some(14),
        approval: "owner",
        prices: &[("own", "0", ""), ("institution", "45", "300"), ("company", "70", "450")],
        responsible: 9,
        demand: 0.3,
        durations: &[120, 240],
        audience: &[(Own, 3), (Sector("food"), 2), (Institutions, 2)],
        purposes: &["Omavalvontanäytteet", "Tuotekehityksen testit", "Yhteinen tutkimushanke"],
        own_purposes: &["Opetus: elintarvikeala", "Opetus: laboratorioala"],
        buffer_after: 30,
        ..BASE
    },
    // Tilat ja välineet
    Spec {
        key: "auditorium",
        name: "Auditorio Loimijoki",
        kind: "facility",
        building: "Päärakennus",
        room: "A101",
        description: "120 paikkaa, tekniikka etäyhteyksille, esteetön sisäänkäynti.",
        capacity_people: Some(120),
        approval: "owner",
        hours: Hours::Long,
        prices: ROOM_PRICES,
        responsible: 0,
        demand: 0.3,
        most_per_day: 2,
        durations: &[120, 180, 240],
        audience: &[(Own, 3), (PublicBodies, 2), (Associations, 2), (Sector("retail"), 1), (Institutions, 1)],
        purposes: MEETING_PURPOSES,
        own_purposes: &["Vanhempainilta", "Henkilöstöinfo", "Rekrytointimessut"],
        ..BASE
    },
    Spec {
        key: "meeting1",
        name: "Neuvotteluhuone Kuhala",
        kind: "facility",
        building: "Päärakennus",
        room: "A210",
        capacity_people: Some(12),
        hours: Hours::Long,
        prices: ROOM_PRICES,
        demand: 0.7,
        most_per_day: 3,
        durations: &[60, 90, 120, 180],
        audience: &[(Own, 5), (Associations, 1), (PublicBodies, 1), (Sector("accounting"), 1), (Sector("metal"), 1)],
        purposes: MEETING_PURPOSES,
        own_purposes: &["Tiimipalaveri", "Työpaikkaohjaajien koulutus", "Kehityskeskustelu"],
        no_show_rate: 0.04,
        ..BASE
    },
    Spec {
        key: "meeting2",
        name: "Neuvotteluhuone Saaren kartano",
        kind: "facility",
        building: "Päärakennus",
        room: "A215",
        capacity_people: Some(8),
        hours: Hours::Long,
        prices: ROOM_PRICES,
        demand: 0.55,
        most_per_day: 3,
        durations: &[60, 90, 120],
        audience: &[(Own, 6), (Associations, 1), (PublicBodies, 1)],
        purposes: MEETING_PURPOSES,
        own_purposes: &["Tiimipalaveri", "Opiskelijahaastattelu"],
        no_show_rate: 0.05,
        ..BASE
    },
    Spec {
        key: "laptops",
        name: "Kannettavien tietokoneiden pooli",
        kind: "equipment",
        building: "Päärakennus",
        room: "IT-tuki A005",
        description: "24 kannettavaa (Windows 11, Office, CAD-ohjelmat) kuljetuskärryssä.",
        quantity: 24,
        hours: Hours::Long,
        prices: &[("own", "0", ""), ("institution", "3", "15"), ("company", "5", "25"), ("association", "2", "10")],
        responsible: 7,
        demand: 0.55,
        most_per_day: 3,
        durations: &[120, 180, 240, 360],
        units: (4, 16),
        audience: &[(Own, 5), (Associations, 1), (Sector("retail"), 1), (PublicBodies, 1)],
        purposes: &["Verkkokurssi henkilöstölle", "Asiakastilaisuus", "Rekrytointitestit"],
        own_purposes: &["Opetus: digitaidot", "Valintakoe"],
        ..BASE
    },
    Spec {
        key: "gym",
        name: "Liikuntasali",
        kind: "facility",
        building: "Liikuntatalo",
        room: "Sali",
        capacity_people: Some(60),
        hours: Hours::Evenings,
        closed_on_public_holidays: true,
        prices: &[("own", "0", ""), ("company", "45", ""), ("association", "20", ""), ("public_body", "30", "")],
        responsible: 2,
        demand: 0.8,
        most_per_day: 3,
        durations: &[60, 90, 120],
        audience: &[(Associations, 6), (Own, 1), (PublicBodies, 1), (Sector("care"), 1)],
        purposes: &["Sählyvuoro", "Seniorijumppa", "Henkilöstön liikuntavuoro", "Junioriharjoitukset"],
        own_purposes: &["Opiskelijoiden iltaliikunta"],
        no_show_rate: 0.06,
        ..BASE
    },
    Spec {
        key: "van",
        name: "Pakettiauto Toyota Proace",
        kind: "vehicle",
        building: "Logistiikkakeskus",
        hours: Hours::Daily,
        closed_on_public_holidays: false,
        min_minutes: Some(120),
        prices: &[("own", "0", ""), ("institution", "15", "90"), ("association", "12", "70")],
        responsible: 5,
        demand: 0.4,
        most_per_day: 2,
        durations: &[180, 300, 480],
        audience: &[(Own, 5), (Associations, 1), (Institutions, 1)],
        purposes: &["Tapahtuman kuljetukset", "Muuttokuljetus"],
        own_purposes: &["Opetus: logistiikka", "Messukuljetus"],
        ..BASE
    },
    Spec {
        key: "forklift",
        name: "Trukkiajon harjoitushalli",
        kind: "learning_environment",
        building: "Logistiikkakeskus",
        room: "Halli L1",
        prices: &[("own", "0", ""), ("institution", "40", "260"), ("company", "65", "420"), ("public_body", "45", "300")],
        responsible: 5,
        demand: 0.35,
        durations: &[180, 240, 480],
        audience: &[(Own, 3), (Sector("logistics"), 2), (PublicBodies, 1)],
        purposes: &["Trukkikorttikoulutus", "Työnhakijoiden testi"],
        own_purposes: &["Opetus: logistiikka"],
        ..BASE
    },
    // Koulutuskuntayhtymä Tavastia, Hämeenlinna
    Spec {
        key: "robot",
        name: "Teollisuusrobottisolu ABB",
        owner: "tavastia",
        building: "Tekniikan kampus",
        room: "Automaatiohalli",
        description: "Kaksi ABB-robottia, näköjärjestelmä ja hitsausvarustus.",
        approval: "owner",
        prices: &[("own", "0", ""), ("institution", "50", "320"), ("company", "80", "520")],
        demand: 0.35,
        durations: &[180, 240, 360],
        audience: &[(Own, 3), (Institutions, 2), (Sector("metal"), 1), (Sector("industry"), 1)],
        purposes: &["Robottiohjelmoinnin koulutus", "Tuotannon automaatiokokeilu"],
        own_purposes: &["Opetus: automaatioasentaja"],
        ..BASE
    },
    Spec {
        key: "electric",
        name: "Sähköautomaation oppimisympäristö",
        kind: "learning_environment",
        owner: "tavastia",
        building: "Tekniikan kampus",
        room: "S-siipi 2",
        capacity_people: Some(16),
        prices: &[("own", "0", ""), ("institution", "35", "220"), ("company", "55", "360")],
        demand: 0.3,
        durations: &[180, 240],
        audience: &[(Own, 3), (Institutions, 1), (Sector("construction"), 1)],
        purposes: &["Sähköturvallisuuskoulutus", "Asentajien täydennyskoulutus"],
        own_purposes: &["Opetus: sähköasentaja"],
        ..BASE
    },
    Spec {
        key: "simulation",
        name: "Hoitotyön simulaatiotila",
        kind: "learning_environment",
        owner: "tavastia",
        building: "Sote-kampus",
        room: "Simulaatiosairaala",
        description: "Potilashuone simulaationukeilla ja videoitu jälkipuintitila.",
        capacity_people: Some(12),
        approval: "owner",
        eligibility: "network_institutions",
        prices: &[("own", "0", ""), ("institution", "55", "350")],
        demand: 0.35,
        durations: &[180, 240],
        audience: &[(Own, 3), (Institutions, 2)],
        purposes: &["Yhteinen simulaatioharjoitus", "Ensihoidon harjoitus"],
        own_purposes: &["Opetus: lähihoitaja"],
        ..BASE
    },
    Spec {
        key: "tavastia_room",
        name: "Kokoustila Verkatehdas",
        kind: "facility",
        owner: "tavastia",
        building: "Keskustan kampus",
        room: "K3",
        capacity_people: Some(20),
        hours: Hours::Long,
        prices: ROOM_PRICES,
        demand: 0.4,
        durations: &[90, 120, 180],
        audience: &[(Own, 3), (PublicBodies, 1), (Associations, 1), (Institutions, 1)],
        purposes: MEETING_PURPOSES,
        own_purposes: &["Henkilöstökokous"],
        ..BASE
    },
    // Ammattiopisto Livia, Mustiala (Tammela)
    Spec {
        key: "farmhall",
        name: "Maatalouskonehalli",
        kind: "facility",
        owner: "livia",
        building: "Mustialan opetusmaatila",
        room: "Konehalli",
        hours: Hours::Farm,
        prices: &[("own", "0", ""), ("institution", "40", "260"), ("company", "60", "380")],
        demand: 0.3,
        durations: &[240, 480],
        audience: &[(Own, 3), (Sector("agriculture"), 2), (Institutions, 1)],
        purposes: &["Konenäytös", "Huoltokoulutus"],
        own_purposes: &["Opetus: maatalousalan perustutkinto"],
        ..BASE
    },
    Spec {
        key: "tractor",
        name: "Traktori Valtra N175 ja peräkärry",
        kind: "vehicle",
        owner: "livia",
        building: "Mustialan opetusmaatila",
        hours: Hours::Farm,
        approval: "owner",
        eligibility: "network_institutions",
        prices: &[("own", "0", ""), ("institution", "45", "300")],
        demand: 0.25,
        most_per_day: 1,
        durations: &[240, 480],
        audience: &[(Own, 4), (Institutions, 1)],
        purposes: &["Ajoharjoittelu", "Yhteinen pelto-opetus"],
        own_purposes: &["Opetus: traktorin ajo"],
        ..BASE
    },
    Spec {
        key: "greenhouse",
        name: "Opetuskasvihuone",
        kind: "learning_environment",
        owner: "livia",
        building: "Mustialan puutarha",
        room: "Kasvihuone 2",
        hours: Hours::Farm,
        prices: &[("own", "0", ""), ("institution", "25", "150"), ("company", "40", "240"), ("association", "15", "90")],
        demand: 0.25,
        durations: &[120, 240],
        audience: &[(Own, 3), (Associations, 1), (Sector("agriculture"), 1)],
        purposes: &["Taimikasvatuskoe", "Puutarhakerhon ilta"],
        own_purposes: &["Opetus: puutarhuri"],
        ..BASE
    },
    Spec {
        key: "livia_room",
        name: "Luokkatila Mustiala 12",
        kind: "facility",
        owner: "livia",
        building: "Mustialan päärakennus",
        room: "Luokka 12",
        capacity_people: Some(30),
        prices: ROOM_PRICES,
        demand: 0.35,
        durations: &[120, 180, 240],
        audience: &[(Own, 4), (PublicBodies, 1), (Associations, 1)],
        purposes: MEETING_PURPOSES,
        own_purposes: &["Opetus"],
        ..BASE
    },
    // Yritykset
    Spec {
        key: "welding_robot",
        name: "Hitsausrobotti Yaskawa",
        owner: "hitsaamo",
        building: "Tuotantohalli",
        description: "Hitsausrobotti kääntöpöydällä; yrityksen oma asentaja opastaa.",
        approval: "owner",
        hours: Hours::Office,
        prices: &[("institution", "70", "450"), ("company", "95", "600")],
        demand: 0.2,
        most_per_day: 1,
        durations: &[240, 480],
        audience: &[(Own, 2), (Institutions, 3), (Sector("metal"), 1)],
        purposes: &["Robottihitsauksen opetus", "Koesarja"],
        own_purposes: &["Oma tuotanto"],
        ..BASE
    },
    Spec {
        key: "hitsaamo_room",
        name: "Koulutustila Hitsaamo",
        kind: "facility",
        owner: "hitsaamo",
        building: "Toimisto",
        capacity_people: Some(20),
        prices: &[("institution", "20", "120"), ("company", "30", "180"), ("association", "15", "80")],
        demand: 0.2,
        most_per_day: 1,
        durations: &[120, 240],
        audience: &[(Own, 2), (Institutions, 2), (Associations, 1)],
        purposes: &["Työpaikkaohjaajakoulutus", "Opiskelijaryhmän vierailu"],
        own_purposes: &["Henkilöstökoulutus"],
        ..BASE
    },
    Spec {
        key: "waterjet",
        name: "Vesileikkuri Flow Mach 200",
        owner: "jokioistenkonepaja",
        building: "Konepaja",
        description: "Vesisuihkuleikkaus 2 × 3 m, myös kivi ja lasi.",
        approval: "owner",
        prices: &[("institution", "60", "400"), ("company", "90", "600")],
        demand: 0.3,
        most_per_day: 2,
        durations: &[120, 240],
        audience: &[(Own, 2), (Institutions, 2), (Sector("metal"), 2)],
        purposes: &["Opiskelijatyön leikkaus", "Alihankinta", "Prototyypin leikkaus"],
        own_purposes: &["Oma tuotanto"],
        buffer_after: 30,
        ..BASE
    },
    Spec {
        key: "cmm",
        name: "Koordinaattimittauskone Zeiss",
        owner: "jokioistenkonepaja",
        building: "Laatulaboratorio",
        prices: &[("institution", "50", "320"), ("company", "75", "480")],
        demand: 0.35,
        most_per_day: 2,
        durations: &[60, 120, 180],
        audience: &[(Own, 2), (Institutions, 2), (Sector("metal"), 2)],
        purposes: &["Ensikappaletarkastus", "Mittauspöytäkirja asiakkaalle", "Opiskelijoiden mittausharjoitus"],
        own_purposes: &["Oma laadunvarmistus"],
        ..BASE
    },
    Spec {
        key: "joinery",
        name: "Puusepänverstas",
        kind: "facility",
        owner: "tammelanpuu",
        building: "Verstas",
        capacity_people: Some(8),
        prices: &[("institution", "45", "300"), ("company", "65", "420"), ("association", "30", "200")],
        demand: 0.3,
        most_per_day: 1,
        durations: &[240, 480],
        audience: &[(Own, 2), (Institutions, 2), (Sector("wood"), 1), (Sector("construction"), 1)],
        purposes: &["Kalusteprojekti", "Opiskelijaryhmän harjoitustyö"],
        own_purposes: &["Oma tuotanto"],
        ..BASE
    },
    Spec {
        key: "crane_truck",
        name: "Nosturiauto",
        kind: "vehicle",
        owner: "tammelanpuu",
        building: "Varikko",
        hours: Hours::Daily,
        closed_on_public_holidays: false,
        approval: "owner",
        prices: &[("institution", "80", "520"), ("company", "110", "720")],
        demand: 0.15,
        most_per_day: 1,
        durations: &[240, 480],
        audience: &[(Own, 3), (Sector("construction"), 2), (Institutions, 1)],
        purposes: &["Elementtien nosto", "Työmaakuljetus"],
        own_purposes: &["Oma työmaa"],
        ..BASE
    },
];

const BOOTH: Spec = Spec {
    kind: "equipment",
    building: "Tekniikan talo",
    room: "Hitsaushalli T130",
    description: "Hitsauskoppi kohdepoistolla; oma suojavarustus mukaan.",
    capacity_people: Some(1),
    hours: Hours::Workshop,
    prices: &[
        ("own", "0", ""),
        ("institution", "18", "110"),
        ("company", "28", "170"),
    ],
    responsible: LATHE_TEACHER,
    demand: 0.5,
    most_per_day: 2,
    durations: &[120, 180, 240],
    audience: &[(Own, 4), (Sector("metal"), 2), (Institutions, 1)],
    purposes: &[
        "Hitsaajan pätevyyskokeen harjoitus",
        "Työnhakijan hitsaustesti",
        "Korjaushitsaus",
    ],
    own_purposes: &["Opetus: hitsaus", "Näyttö: hitsaus"],
    no_show_rate: 0.03,
    ..BASE
};

const LIFT: Spec = Spec {
    kind: "equipment",
    building: "Autotalo",
    room: "Korjaamohalli A1",
    description: "Kaksipilarinostin, vianmääritystesteri.",
    hours: Hours::Workshop,
    prices: &[
        ("own", "0", ""),
        ("institution", "25", "160"),
        ("company", "40", "260"),
    ],
    responsible: 10,
    demand: 0.5,
    most_per_day: 2,
    durations: &[120, 180, 240],
    audience: &[(Own, 5), (Sector("auto"), 2)],
    purposes: &["Huoltotyö", "Katsastuskorjaus", "Renkaiden vaihto"],
    own_purposes: &["Opetus: ajoneuvoasentaja"],
    no_show_rate: 0.02,
    ..BASE
};

/// A person the sharing part adds: the lathe teacher at LHKK and the production manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraPerson {
    pub input: PersonInput,
    /// The organisation (index in `organisations`).
    pub organisation: usize,
}

/// A person of the plan: one of the network's (index in `people`) or one added here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PersonRef {
    Network(usize),
    Extra(usize),
}

/// A resource, validated, with its owner and whole as plan indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourcePlan {
    pub key: &'static str,
    pub draft: ResourceDraft,
    pub owner: usize,
    /// Index in `resources` of the whole it is part of.
    pub part_of: Option<usize>,
    pub hours: Vec<WeeklyRange>,
    pub qualification: bool,
    /// The staff user who looks after it (index in `users`).
    pub responsible: usize,
}

/// One booking (or block) of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingPlan {
    pub resource: usize,
    pub block: bool,
    pub status: BookingStatus,
    pub interval: Interval,
    pub occupied: Interval,
    pub units: u32,
    pub booker: Option<usize>,
    pub booker_kind: Option<BookerKind>,
    pub contact: Option<PersonRef>,
    /// Index in `users`.
    pub booked_by: Option<usize>,
    pub purpose: Option<String>,
    pub people_count: Option<i64>,
    pub price_cents: Option<i64>,
    pub created: Timestamp,
    /// Who decided a request (index in `users`, when one of the demo's staff did) and when.
    pub decided: Option<(Option<usize>, Timestamp)>,
    pub cancelled: Option<Timestamp>,
    pub no_show: bool,
}

/// A grant of the lathe's qualification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantPlan {
    pub person: PersonRef,
    pub granted_on: time::Date,
}

/// The whole shared-use part of the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharingPlan {
    pub resources: Vec<ResourcePlan>,
    pub bookings: Vec<BookingPlan>,
    pub extra_people: Vec<ExtraPerson>,
    pub grants: Vec<GrantPlan>,
    /// Dated exceptions: (resource index, exception).
    pub exceptions: Vec<(usize, DatedException)>,
    /// The production manager (index in `extra_people`), who gets a partner login.
    pub production_manager: Option<usize>,
}

impl SharingPlan {
    pub fn requests(&self) -> usize {
        self.bookings
            .iter()
            .filter(|b| b.status == BookingStatus::Requested)
            .count()
    }
}

/// The Helsinki date of a demo day.
pub fn civil(d: time::Date) -> Date {
    Date::new(
        i16::try_from(d.year()).unwrap_or(2026),
        i8::try_from(u8::from(d.month())).unwrap_or(1),
        i8::try_from(d.day()).unwrap_or(1),
    )
    .unwrap_or(Date::constant(2026, 1, 1))
}

/// How busy a month of the school year is: quiet in the summer, slower at Christmas.
fn season(date: Date) -> f64 {
    match (date.month(), date.day()) {
        (6, d) if d > 15 => 0.25,
        (7, _) => 0.08,
        (8, d) if d < 10 => 0.2,
        (6, _) | (8, _) => 0.6,
        (12, d) if d > 19 => 0.15,
        (12, _) => 0.8,
        _ => 1.0,
    }
}

struct Planner<'a> {
    net: &'a DemoNetwork,
    rng: StdRng,
    /// Start of the demo's day in Helsinki: earlier bookings are the past.
    now: Timestamp,
    today: Date,
    /// Active organisations of each audience.
    people_at: BTreeMap<usize, Vec<PersonRef>>,
    holders: Vec<(usize, PersonRef)>,
}

/// Plans the shared use of the network `net` (its seed and day).
pub fn plan(net: &DemoNetwork) -> anyhow::Result<SharingPlan> {
    let today = civil(net.today);
    let now = today
        .to_zoned(helsinki().clone())
        .map_err(|e| anyhow!("the demo day {today}: {e}"))?
        .timestamp();
    let mut p = Planner {
        net,
        rng: StdRng::seed_from_u64(net.seed ^ 0x5348_4152_494e_4721),
        now,
        today,
        people_at: BTreeMap::new(),
        holders: Vec::new(),
    };
    let key = |k: &str| {
        net.organisations
            .iter()
            .position(|o| o.key == Some(k))
            .ok_or_else(|| anyhow!("the demo network has no organisation {k}"))
    };
    for (i, person) in net.people.iter().enumerate() {
        let at = person
            .moved
            .as_ref()
            .map_or(person.organisation, |m| m.organisation);
        p.people_at
            .entry(at)
            .or_default()
            .push(PersonRef::Network(i));
    }
    let lhkk = key("lhkk")?;
    let production = key(PRODUCTION_COMPANY)?;
    let (first, last) = {
        let first = *pick(&mut p.rng, words::FIRST_NAMES);
        let (last, _) = *pick(&mut p.rng, words::SURNAMES);
        (first, last)
    };
    let extra_people = vec![
        ExtraPerson {
            input: PersonInput {
                name: "Jari Lehtonen".into(),
                title: "opettaja, kone- ja tuotantotekniikka".into(),
                email: "jari.lehtonen@lhkk.example".into(),
                phone: "040 718 2231".into(),
                lawful_basis: words::LAWFUL_CONTRACT.into(),
            },
            organisation: lhkk,
        },
        ExtraPerson {
            input: PersonInput {
                name: format!("{first} {last}"),
                title: "tuotantopäällikkö".into(),
                email: PRODUCTION_MANAGER_EMAIL.into(),
                phone: "050 362 4410".into(),
                lawful_basis: words::LAWFUL_CONTRACT.into(),
            },
            organisation: production,
        },
    ];
    for (i, e) in extra_people.iter().enumerate() {
        p.people_at
            .entry(e.organisation)
            .or_default()
            .insert(0, PersonRef::Extra(i));
    }
    let grants = p.grants(lhkk, production)?;
    let resources = p.resources()?;
    let bookings = p.bookings(&resources)?;
    let kitchen = resources.iter().position(|r| r.key == "kitchen");
    let exceptions = kitchen
        .map(|k| p.kitchen_exceptions(k))
        .transpose()?
        .unwrap_or_default();
    Ok(SharingPlan {
        resources,
        bookings,
        extra_people,
        grants,
        exceptions,
        production_manager: Some(1),
    })
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    // Every list picked from is a non-empty constant or is checked before.
    &items[rng.gen_range(0..items.len())]
}

fn store_date(d: Date) -> anyhow::Result<time::Date> {
    resource::store_date(d).map_err(|e| anyhow!("date {d}: {e}"))
}

impl Planner<'_> {
    fn days_ago(&self, n: i64) -> Date {
        self.today
            .checked_sub(jiff::Span::new().days(n))
            .unwrap_or(self.today)
    }

    /// The lathe's induction: the teacher, the production manager, a contact of the welding
    /// shop and of a few other active metal companies.
    fn grants(&mut self, lhkk: usize, production: usize) -> anyhow::Result<Vec<GrantPlan>> {
        let mut holders: Vec<(usize, PersonRef)> = vec![
            (lhkk, PersonRef::Extra(0)),
            (production, PersonRef::Extra(1)),
        ];
        let mut metal: Vec<usize> = self
            .net
            .organisations
            .iter()
            .enumerate()
            .filter(|(i, o)| {
                o.status == OrganisationStatus::Active
                    && o.sector.is_some_and(|s| SECTORS[s].key == "metal")
                    && *i != production
                    && (o.key == Some("hitsaamo") || o.key.is_none())
            })
            .map(|(i, _)| i)
            .collect();
        // The welding shop first, then three others chosen by the seed.
        metal.sort_by_key(|i| self.net.organisations[*i].key != Some("hitsaamo"));
        let (first, rest) = metal.split_at(metal.len().min(1));
        let mut others = rest.to_vec();
        let mut chosen = first.to_vec();
        while chosen.len() < 4 && !others.is_empty() {
            let i = self.rng.gen_range(0..others.len());
            chosen.push(others.swap_remove(i));
        }
        for org in chosen {
            if let Some(person) = self.people_at.get(&org).and_then(|p| p.first()) {
                holders.push((org, *person));
            }
        }
        let mut grants = Vec::new();
        for (_, person) in &holders {
            let ago = self.rng.gen_range(HISTORY_DAYS + 30..HISTORY_DAYS + 700);
            grants.push(GrantPlan {
                person: *person,
                granted_on: store_date(self.days_ago(ago))?,
            });
        }
        self.holders = holders;
        Ok(grants)
    }

    fn resources(&mut self) -> anyhow::Result<Vec<ResourcePlan>> {
        let mut plans: Vec<ResourcePlan> = Vec::with_capacity(SPECS.len());
        for spec in SPECS {
            let owner = self
                .net
                .organisations
                .iter()
                .position(|o| o.key == Some(spec.owner))
                .ok_or_else(|| anyhow!("no owner {} for {}", spec.owner, spec.name))?;
            let part_of = match spec.part_of {
                Some(k) => Some(
                    plans
                        .iter()
                        .position(|r| r.key == k)
                        .ok_or_else(|| anyhow!("{} is part of {k}, listed later", spec.name))?,
                ),
                None => None,
            };
            let o = &self.net.organisations[owner].input;
            let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
            let input = ResourceInput {
                name: spec.name.into(),
                kind: spec.kind.into(),
                // Placeholders: the store's ids are known when writing.
                owner_organisation_id: "1".into(),
                part_of: if part_of.is_some() {
                    "1".into()
                } else {
                    String::new()
                },
                address: o.address.clone(),
                municipality: o.municipality.clone(),
                building: spec.building.into(),
                room: spec.room.into(),
                description: spec.description.into(),
                capacity_people: n(spec.capacity_people),
                accessibility: String::new(),
                quantity: spec.quantity.to_string(),
                approval: spec.approval.into(),
                eligibility: spec.eligibility.into(),
                closed_on_public_holidays: spec.closed_on_public_holidays,
                slot_minutes: "30".into(),
                min_duration_minutes: n(spec.min_minutes),
                max_duration_minutes: n(spec.max_minutes),
                min_notice_minutes: String::new(),
                max_ahead_minutes: String::new(),
                buffer_before_minutes: String::new(),
                buffer_after_minutes: spec.buffer_after.to_string(),
                cancellation_free_hours: "24".into(),
                required_qualification_id: if spec.qualification {
                    "1".into()
                } else {
                    String::new()
                },
                prices: spec
                    .prices
                    .iter()
                    .map(|(booker, hour, day)| PriceInput {
                        booker: (*booker).into(),
                        per_hour: (*hour).into(),
                        per_day: (*day).into(),
                    })
                    .collect(),
            };
            let draft = input
                .validate()
                .map_err(|e| anyhow!("the demo resource {} is not valid: {e:?}", spec.name))?;
            plans.push(ResourcePlan {
                key: spec.key,
                draft,
                owner,
                part_of,
                hours: spec.hours.weekly(),
                qualification: spec.qualification,
                responsible: spec.responsible,
            });
        }
        Ok(plans)
    }

    /// The organisations an audience draws from, as plan indices.
    fn candidates(&self, audience: Audience, owner: usize) -> Vec<usize> {
        if audience == Audience::Own {
            return vec![owner];
        }
        if audience == Audience::Holders {
            let mut orgs: Vec<usize> = self
                .holders
                .iter()
                .map(|(o, _)| *o)
                .filter(|o| *o != owner)
                .collect();
            orgs.dedup();
            return orgs;
        }
        self.net
            .organisations
            .iter()
            .enumerate()
            .filter(|(i, o)| *i != owner && o.status == OrganisationStatus::Active)
            .filter(|(_, o)| match audience {
                Audience::Institutions => matches!(
                    o.kind,
                    OrganisationKind::VocationalInstitution
                        | OrganisationKind::University
                        | OrganisationKind::ResearchInstitute
                ),
                Audience::Sector(key) => {
                    o.kind == OrganisationKind::Company
                        && o.sector.is_some_and(|s| SECTORS[s].key == key)
                }
                Audience::Associations => o.kind == OrganisationKind::Association,
                Audience::PublicBodies => matches!(
                    o.kind,
                    OrganisationKind::PublicBody | OrganisationKind::EmploymentService
                ),
                Audience::Own | Audience::Holders => false,
            })
            .map(|(i, _)| i)
            .collect()
    }

    fn bookings(&mut self, resources: &[ResourcePlan]) -> anyhow::Result<Vec<BookingPlan>> {
        let hierarchy = Hierarchy::from_links(
            resources
                .iter()
                .enumerate()
                .filter_map(|(i, r)| Some((plan_id(i), plan_id(r.part_of?)))),
        )
        .map_err(|e| anyhow!("the demo resources' wholes and parts: {}", e.key))?;
        let schedules = resources
            .iter()
            .map(|r| {
                resource::schedule_from(&r.hours, &[], r.draft.closed_on_public_holidays)
                    .map_err(|e| anyhow!("the hours of {}: {e}", r.draft.name))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        // Each resource's candidate bookers per audience, computed once.
        let audiences: Vec<Vec<(u32, Vec<usize>)>> = SPECS
            .iter()
            .zip(resources)
            .map(|(spec, r)| {
                spec.audience
                    .iter()
                    .map(|(a, w)| (*w, self.candidates(*a, r.owner)))
                    .filter(|(_, c)| !c.is_empty())
                    .collect()
            })
            .collect();
        let mut out: Vec<BookingPlan> = Vec::new();
        let mut day = self.days_ago(HISTORY_DAYS);
        let last = self
            .today
            .checked_add(jiff::Span::new().days(AHEAD_DAYS))
            .unwrap_or(self.today);
        while day <= last {
            // Bookings of one day never reach another (opening hours end well before
            // midnight and no buffer is that long), so each day is checked on its own.
            let mut held: Vec<Occupancy> = Vec::new();
            for (i, (spec, r)) in SPECS.iter().zip(resources).enumerate() {
                let open = schedules[i].open_intervals(day, day);
                if open.is_empty() {
                    continue;
                }
                if spec.maintenance && is_first_working_day(&schedules[i], day) {
                    let start = open[0].start();
                    let block = Interval::new(start, start + SignedDuration::from_hours(2))
                        .map_err(|_| anyhow!("maintenance span"))?;
                    self.place_block(&mut out, &mut held, &hierarchy, i, r, block);
                }
                let ahead = (day - self.today).get_days();
                let decay = if ahead > 0 {
                    (1.0 - f64::from(ahead) / (AHEAD_DAYS as f64 + 10.0))
                        .max(0.0)
                        .powf(1.5)
                } else {
                    1.0
                };
                if !self
                    .rng
                    .gen_bool((spec.demand * DEMAND * season(day) * decay).clamp(0.0, 1.0))
                {
                    continue;
                }
                let wanted = self.rng.gen_range(1..=spec.most_per_day.max(1));
                for _ in 0..wanted {
                    // A few tries to find a free time that day.
                    for _ in 0..4 {
                        if self.try_booking(
                            &mut out,
                            &mut held,
                            &hierarchy,
                            (i, spec, r),
                            &open,
                            &audiences[i],
                        )? {
                            break;
                        }
                    }
                }
            }
            day = day
                .tomorrow()
                .map_err(|e| anyhow!("the day after {day}: {e}"))?;
        }
        Ok(out)
    }

    fn place_block(
        &mut self,
        out: &mut Vec<BookingPlan>,
        held: &mut Vec<Occupancy>,
        hierarchy: &Hierarchy,
        i: usize,
        r: &ResourcePlan,
        interval: Interval,
    ) {
        let occupied = r.draft.rules.occupied(&interval);
        let request = Request {
            resource_id: plan_id(i),
            interval: occupied,
            units: r.draft.quantity,
        };
        if clash::conflicts(&request, r.draft.quantity, held, hierarchy).is_err() {
            return;
        }
        held.push(Occupancy {
            occupant: Occupant::Block(plan_id(out.len())),
            resource_id: plan_id(i),
            interval: occupied,
            units: r.draft.quantity,
        });
        out.push(BookingPlan {
            resource: i,
            block: true,
            status: BookingStatus::Confirmed,
            interval,
            occupied,
            units: r.draft.quantity,
            booker: None,
            booker_kind: None,
            contact: None,
            booked_by: (r.owner == self.lhkk_of(r)).then_some(r.responsible),
            purpose: Some("Määräaikaishuolto".into()),
            people_count: None,
            price_cents: None,
            created: interval.start() - SignedDuration::from_hours(24 * 30),
            decided: None,
            cancelled: None,
            no_show: false,
        });
    }

    /// Tries one booking at a random time of the day; answers whether it was placed.
    fn try_booking(
        &mut self,
        out: &mut Vec<BookingPlan>,
        held: &mut Vec<Occupancy>,
        hierarchy: &Hierarchy,
        (i, spec, r): (usize, &Spec, &ResourcePlan),
        open: &[Interval],
        audience: &[(u32, Vec<usize>)],
    ) -> anyhow::Result<bool> {
        let window = *pick(&mut self.rng, open);
        let minutes = *pick(&mut self.rng, spec.durations);
        let length = SignedDuration::from_mins(minutes);
        let room = window.duration() - length;
        if room.is_negative() {
            return Ok(false);
        }
        let slots = room.as_mins() / 30;
        let start = window.start() + SignedDuration::from_mins(30 * self.rng.gen_range(0..=slots));
        let interval = Interval::new(start, start + length).map_err(|_| anyhow!("booking span"))?;
        let Some((booker, kind)) = self.booker(audience, r) else {
            return Ok(false);
        };
        let units = if r.draft.quantity > 1 {
            self.rng
                .gen_range(spec.units.0..=spec.units.1.min(r.draft.quantity))
        } else {
            1
        };
        let occupied = r.draft.rules.occupied(&interval);
        let request = Request {
            resource_id: plan_id(i),
            interval: occupied,
            units,
        };
        if clash::conflicts(&request, r.draft.quantity, held, hierarchy).is_err() {
            return Ok(false);
        }
        let contact = if r.qualification {
            // Only someone inducted may use the lathe.
            let holder = self
                .holders
                .iter()
                .filter(|(o, _)| *o == booker)
                .map(|(_, p)| *p)
                .next();
            match holder {
                Some(p) => Some(p),
                None => return Ok(false),
            }
        } else if booker == r.owner {
            None
        } else {
            self.people_at
                .get(&booker)
                .filter(|p| !p.is_empty())
                .map(|p| p[self.rng.gen_range(0..p.len())])
        };
        held.push(Occupancy {
            occupant: Occupant::Booking(plan_id(out.len())),
            resource_id: plan_id(i),
            interval: occupied,
            units,
        });
        let past = interval.end() <= self.now;
        let starts_today_or_later = interval.start() >= self.now;
        let notice = SignedDuration::from_hours(24 * self.rng.gen_range(2..45));
        let created = if starts_today_or_later {
            let made = interval.start() - notice;
            // Future bookings were made in the last weeks, never after "now".
            made.min(self.now - SignedDuration::from_hours(self.rng.gen_range(1..24 * 20)))
        } else {
            interval.start() - notice
        };
        let owner_decides = r.draft.rules.approval() == Approval::Owner;
        let ours = r.owner == self.lhkk_of(r);
        let roll: f64 = self.rng.gen();
        let tomorrow = self.now + SignedDuration::from_hours(24);
        let status = if roll < 0.05 {
            BookingStatus::Cancelled
        } else if owner_decides && past && roll < 0.08 {
            BookingStatus::Rejected
        } else if owner_decides && interval.start() >= tomorrow && roll < 0.40 {
            BookingStatus::Requested
        } else {
            BookingStatus::Confirmed
        };
        let decided = match status {
            BookingStatus::Confirmed | BookingStatus::Rejected if owner_decides => Some((
                ours.then_some(r.responsible),
                (created + SignedDuration::from_hours(20)).min(interval.start()),
            )),
            _ => None,
        };
        let cancelled = (status == BookingStatus::Cancelled).then(|| {
            let before = SignedDuration::from_hours(24 * self.rng.gen_range(1..5));
            (interval.start() - before).max(created).min(self.now)
        });
        let no_show = status == BookingStatus::Confirmed
            && past
            && booker != r.owner
            && self.rng.gen_bool((spec.no_show_rate * 1.5).clamp(0.0, 1.0));
        let purposes = if booker == r.owner {
            spec.own_purposes
        } else {
            spec.purposes
        };
        let purpose = (!purposes.is_empty()).then(|| (*pick(&mut self.rng, purposes)).to_string());
        let people_count = r
            .draft
            .capacity_people
            .map(|c| self.rng.gen_range(1..=c.max(1)));
        let price_cents = r
            .draft
            .prices
            .price(kind, &interval)
            .map(|c| c.net_cents * i64::from(units));
        out.push(BookingPlan {
            resource: i,
            block: false,
            status,
            interval,
            occupied,
            units,
            booker: Some(booker),
            booker_kind: Some(kind),
            contact,
            booked_by: (ours && booker == r.owner).then_some(r.responsible),
            purpose,
            people_count,
            price_cents,
            created,
            decided,
            cancelled,
            no_show,
        });
        Ok(true)
    }

    /// LHKK's index when it owns the resource (its staff book its own use), else an index no
    /// organisation has.
    fn lhkk_of(&self, r: &ResourcePlan) -> usize {
        if self.net.organisations[r.owner].key == Some("lhkk") {
            r.owner
        } else {
            usize::MAX
        }
    }

    /// A booker drawn from the audiences by weight, and the kind it pays as; `None` when the
    /// one drawn may not book the resource.
    fn booker(
        &mut self,
        audience: &[(u32, Vec<usize>)],
        r: &ResourcePlan,
    ) -> Option<(usize, BookerKind)> {
        let total: u32 = audience.iter().map(|(w, _)| *w).sum();
        if total == 0 {
            return None;
        }
        let mut roll = self.rng.gen_range(0..total);
        let mut chosen = &audience[0].1;
        for (w, c) in audience {
            if roll < *w {
                chosen = c;
                break;
            }
            roll -= w;
        }
        let org = *pick(&mut self.rng, chosen);
        let kind = BookerKind::for_organisation(self.net.organisations[org].kind, org == r.owner);
        r.draft.rules.admits(kind).then_some((org, kind))
    }

    /// The kitchen closes for the Christmas week and keeps short hours on one day of a
    /// fair.
    fn kitchen_exceptions(
        &mut self,
        kitchen: usize,
    ) -> anyhow::Result<Vec<(usize, DatedException)>> {
        let mut out = Vec::new();
        let year = if self.today.month() == 12 && self.today.day() > 28 {
            self.today.year() + 1
        } else {
            self.today.year()
        };
        let service = (27..=30)
            .map(|day| Date::new(year, 12, day).map_err(|e| anyhow!("{e}")))
            .collect::<anyhow::Result<Vec<Date>>>()?;
        for &date in &service {
            out.push((
                kitchen,
                DatedException {
                    on_date: store_date(date)?,
                    opens_minute: None,
                    closes_minute: None,
                    note: Some("Keittiön vuosihuolto".into()),
                },
            ));
        }
        // A date holds one exception: a fair that would fall in the service week moves a
        // week on, out of it (the week is four days long).
        let mut fair = self.today + jiff::Span::new().days(self.rng.gen_range(20..60));
        while service.contains(&fair) {
            fair += jiff::Span::new().days(7);
        }
        out.push((
            kitchen,
            DatedException {
                on_date: store_date(fair)?,
                opens_minute: Some(10 * 60),
                closes_minute: Some(14 * 60),
                note: Some("Ammattimessut: keittiö vain aamupäivän".into()),
            },
        ));
        Ok(out)
    }
}

/// The id a resource (or booking) has in the plan's own clash checks: never 0 or negative.
fn plan_id(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX - 1) + 1
}

fn is_first_working_day(schedule: &vaski_domain::sharing::opening::Schedule, day: Date) -> bool {
    let first = day.first_of_month();
    let mut d = first;
    while d < day {
        if !schedule.hours_on(d).is_empty() {
            return false;
        }
        match d.tomorrow() {
            Ok(n) => d = n,
            Err(_) => return false,
        }
    }
    true
}

/// The store ids of what the sharing part wrote.
pub struct Written {
    pub resources: usize,
    pub bookings: usize,
    pub requests: usize,
    /// The production manager's person id and organisation id.
    pub production_manager: Option<(i64, i64)>,
}

/// Writes the plan into the transaction that writes the network: the qualification and its
/// grants, the people added, the resources with hours and exceptions (through the store's own
/// functions), then the bookings in bulk.
pub async fn write(
    tx: &mut Tx,
    net: &DemoNetwork,
    plan: &SharingPlan,
    organisation_ids: &[i64],
    person_ids: &[i64],
    user_ids: &[i64],
) -> anyhow::Result<Written> {
    let org = |i: usize| {
        organisation_ids
            .get(i)
            .copied()
            .ok_or_else(|| anyhow!("the sharing plan refers to organisation {i}"))
    };
    let user = |i: usize| user_ids.get(i).copied();
    let actor = |i: usize| match user_ids.get(i) {
        Some(id) => Actor::user(
            *id,
            net.users
                .get(i)
                .map(|u| u.email.clone())
                .unwrap_or_default(),
        ),
        None => Actor::system("demo"),
    };
    let admin = actor(net.admin());
    let lhkk = net
        .organisations
        .iter()
        .position(|o| o.key == Some("lhkk"))
        .ok_or_else(|| anyhow!("no LHKK in the demo"))?;
    let qualification_id = qualification::create(
        tx,
        org(lhkk)?,
        LATHE_QUALIFICATION,
        Some("Koneen käyttöönotto, suojaukset, hätäpysäytys ja turvallinen kappaleen kiinnitys. Perehdytyksen antaa vastuuopettaja."),
        &actor(LATHE_TEACHER),
    )
    .await
    .context("cannot store the demo qualification")?;
    let mut extra_ids = Vec::with_capacity(plan.extra_people.len());
    for e in &plan.extra_people {
        let draft = e
            .input
            .validate()
            .map_err(|err| anyhow!("the demo person {} is not valid: {err:?}", e.input.name))?;
        let start = time::OffsetDateTime::now_utc().date() - time::Duration::days(900);
        extra_ids
            .push(person::create(tx, &draft, org(e.organisation)?, Some(start), &admin).await?);
    }
    let person = |r: PersonRef| match r {
        PersonRef::Network(i) => person_ids.get(i).copied(),
        PersonRef::Extra(i) => extra_ids.get(i).copied(),
    };
    for g in &plan.grants {
        let p = person(g.person).ok_or_else(|| anyhow!("a grant to an unknown person"))?;
        qualification::grant(
            tx,
            qualification_id,
            p,
            g.granted_on,
            None,
            &actor(LATHE_TEACHER),
        )
        .await?;
    }
    let mut resource_ids: Vec<i64> = Vec::with_capacity(plan.resources.len());
    for r in &plan.resources {
        let mut draft = r.draft.clone();
        draft.owner_organisation_id = org(r.owner)?;
        draft.part_of = match r.part_of {
            Some(p) => Some(
                resource_ids
                    .get(p)
                    .copied()
                    .ok_or_else(|| anyhow!("{} is part of a resource not yet stored", r.key))?,
            ),
            None => None,
        };
        draft.required_qualification_id = r.qualification.then_some(qualification_id);
        let by = if net.organisations[r.owner].key == Some("lhkk") {
            actor(r.responsible)
        } else {
            admin.clone()
        };
        let id = resource::create(tx, &draft, &by)
            .await
            .with_context(|| format!("cannot store the demo resource {}", draft.name))?;
        resource::set_weekly_hours(tx, id, &r.hours, &by).await?;
        // The machine-shop teacher looks after LHKK's resources: a booking made with the
        // partner login mails him, though teachers belong to no organisation in Vaski.
        if let (true, Some(teacher)) = (r.owner == lhkk, user(LATHE_TEACHER)) {
            manager::set_managers(tx, id, &[teacher], &admin)
                .await
                .with_context(|| format!("cannot name the manager of {}", draft.name))?;
        }
        resource_ids.push(id);
    }
    let campus = campus(
        tx,
        org(lhkk)?,
        &net.organisations[lhkk].input.address,
        &admin,
    )
    .await?;
    for (r, id) in plan.resources.iter().zip(&resource_ids) {
        if r.owner == lhkk {
            resource::set_location(tx, *id, Some(campus), &admin)
                .await
                .with_context(|| format!("cannot place {} on the campus", r.key))?;
        }
    }
    for (i, e) in &plan.exceptions {
        let id = resource_ids
            .get(*i)
            .copied()
            .ok_or_else(|| anyhow!("an exception of an unknown resource"))?;
        resource::add_exception(tx, id, e, &admin).await?;
    }
    insert_bookings(
        tx,
        net.seed,
        plan,
        &resource_ids,
        organisation_ids,
        &person,
        &user,
        &actor,
    )
    .await?;
    let production_manager = match plan.production_manager {
        Some(i) => Some((
            extra_ids
                .get(i)
                .copied()
                .ok_or_else(|| anyhow!("no production manager"))?,
            org(plan.extra_people[i].organisation)?,
        )),
        None => None,
    };
    Ok(Written {
        resources: resource_ids.len(),
        bookings: plan.bookings.len(),
        requests: plan.requests(),
        production_manager,
    })
}

const BOOKING_COLUMNS: &str = "resource_id, kind, status, starts_at, ends_at, occupied_from, occupied_until, \
    units, exclusive, booker_organisation_id, booker_kind, contact_person_id, booked_by, purpose, people_count, \
    price_cents, uid, sequence, decided_by, decided_at, cancelled_by, cancelled_at, no_show, created_at, updated_at";
const PER_ROW: usize = 25;
/// Rows per statement: under SQLite's limit of 32 766 bound values.
const CHUNK: usize = 400;

/// The status a demo booking had when it was made: a request the owner decided was a request
/// then, and a cancelled one was what the resource's approval made it.
/// LHKK's Forssa campus at its own address, where its shared resources are: the campus's weekly hours and a
/// staff training day a month or so ahead, so that the location pages have something true to
/// show. Its resources keep hours of their own; a resource added there without hours follows
/// the campus's.
async fn campus(tx: &mut Tx, lhkk: i64, address: &str, admin: &Actor) -> anyhow::Result<i64> {
    let draft = LocationInput {
        name: "Forssan kampus".into(),
        address: address.into(),
        municipality: "Forssa".into(),
    }
    .validate()
    .map_err(|e| anyhow!("the demo campus is not valid: {e:?}"))?;
    let id = location::create(tx, lhkk, &draft, admin)
        .await
        .context("cannot store the demo campus")?;
    let weekdays: Vec<WeeklyRange> = (1..=5)
        .map(|weekday| WeeklyRange {
            weekday,
            opens_minute: 7 * 60 + 30,
            closes_minute: 16 * 60 + 30,
        })
        .collect();
    location::set_weekly_hours(tx, id, &weekdays, admin).await?;
    let closed = DatedException {
        on_date: training_day(time::OffsetDateTime::now_utc().date()),
        opens_minute: None,
        closes_minute: None,
        note: Some("Henkilöstön koulutuspäivä".into()),
    };
    location::replace_exceptions(tx, id, &[closed], admin).await?;
    Ok(id)
}

/// The campus's staff training day: a Friday a month or so after `today` that is a working
/// day, not a public holiday and not in the Christmas and New Year weeks.
pub fn training_day(today: time::Date) -> time::Date {
    let mut day = today + time::Duration::days(30);
    while day.weekday() != time::Weekday::Friday
        || is_holiday_season(day)
        || vaski_domain::sharing::holidays::holiday_on(civil(day)).is_some()
    {
        day += time::Duration::days(1);
    }
    day
}

/// From 20 December to 6 January.
fn is_holiday_season(d: time::Date) -> bool {
    let (month, day) = (d.month(), d.day());
    (month == time::Month::December && day >= 20) || (month == time::Month::January && day <= 6)
}

fn status_when_made(b: &BookingPlan, r: &ResourcePlan) -> BookingStatus {
    if b.decided.is_some() {
        BookingStatus::Requested
    } else if b.status == BookingStatus::Cancelled && !b.block {
        match r.draft.rules.approval() {
            Approval::Owner => BookingStatus::Requested,
            Approval::Automatic => BookingStatus::Confirmed,
        }
    } else {
        b.status
    }
}

/// The audit entry of a demo booking's making, as `booking::book` writes it for a booking
/// made in Vaski: the resource, the times and the status, by whoever booked, when it was made.
fn audit_entry<'a>(
    b: &BookingPlan,
    r: &ResourcePlan,
    id: i64,
    owner: i64,
    actor: &impl Fn(usize) -> Actor,
) -> audit::NewEntry<'a> {
    let change = |field: &str, new: String| audit::Change {
        field: field.to_string(),
        old: None,
        new: Some(new),
    };
    audit::NewEntry {
        at: to_offset_date_time(b.created),
        actor: b.booked_by.map_or_else(|| Actor::system("demo"), actor),
        action: "create",
        subject: audit::Subject {
            entity: "booking",
            entity_id: Some(id),
            organisation_id: Some(owner),
        },
        changes: vec![
            change("resource", r.draft.name.clone()),
            change("starts_at", b.interval.start().to_string()),
            change("ends_at", b.interval.end().to_string()),
            change("status", status_when_made(b, r).code().to_string()),
        ],
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the ids the written network gave to the plan's indexes, each its own lookup"
)]
async fn insert_bookings(
    tx: &mut Tx,
    seed: u64,
    plan: &SharingPlan,
    resource_ids: &[i64],
    organisation_ids: &[i64],
    person: &impl Fn(PersonRef) -> Option<i64>,
    user: &impl Fn(usize) -> Option<i64>,
    actor: &impl Fn(usize) -> Actor,
) -> anyhow::Result<()> {
    let mut entries = Vec::with_capacity(plan.bookings.len());
    for (chunk_no, chunk) in plan.bookings.chunks(CHUNK).enumerate() {
        let mut q = sql(format!("INSERT INTO bookings ({BOOKING_COLUMNS}) VALUES "));
        let mut uids = BTreeMap::new();
        for (k, b) in chunk.iter().enumerate() {
            let n = chunk_no * CHUNK + k;
            let r = &plan.resources[b.resource];
            let resource_id = resource_ids
                .get(b.resource)
                .copied()
                .ok_or_else(|| anyhow!("a booking of an unknown resource"))?;
            let updated = b
                .cancelled
                .or(b.decided.map(|(_, t)| t))
                .unwrap_or(b.created);
            let sequence = i64::from(b.decided.is_some()) + i64::from(b.cancelled.is_some());
            let mut places = Vec::with_capacity(PER_ROW);
            places.push(q.push_arg(resource_id));
            places.push(q.push_arg(if b.block { "block" } else { "booking" }));
            places.push(q.push_arg(b.status.code()));
            places.push(q.push_arg(b.interval.start()));
            places.push(q.push_arg(b.interval.end()));
            places.push(q.push_arg(b.occupied.start()));
            places.push(q.push_arg(b.occupied.end()));
            places.push(q.push_arg(i64::from(b.units)));
            places.push(q.push_arg(r.draft.quantity <= 1));
            places.push(q.push_arg(b.booker.and_then(|o| organisation_ids.get(o).copied())));
            places.push(q.push_arg(b.booker_kind.map(|k| k.code())));
            places.push(q.push_arg(b.contact.and_then(person)));
            places.push(q.push_arg(b.booked_by.and_then(user)));
            places.push(q.push_arg(b.purpose.clone()));
            places.push(q.push_arg(b.people_count));
            places.push(q.push_arg(b.price_cents));
            let uid = format!("demo-{seed:x}-{n}@vaski");
            places.push(q.push_arg(uid.as_str()));
            uids.insert(uid, k);
            places.push(q.push_arg(sequence));
            places.push(q.push_arg(b.decided.and_then(|(u, _)| u.and_then(user))));
            places.push(q.push_arg(b.decided.map(|(_, t)| t)));
            places.push(q.push_arg(b.cancelled.and(b.booked_by.and_then(user))));
            places.push(q.push_arg(b.cancelled));
            places.push(q.push_arg(b.no_show));
            places.push(q.push_arg(b.created));
            places.push(q.push_arg(updated));
            if k > 0 {
                q.push_sql(", ");
            }
            q.push_sql(&format!("({})", places.join(", ")));
        }
        // The rows come back in no promised order: each is known by its unique uid.
        q.push_sql(" RETURNING id, uid");
        let stored: Vec<(i64, String)> = tx
            .fetch_all(q)
            .await
            .context("cannot store the demo bookings")?;
        for (id, uid) in stored {
            let b = uids
                .get(&uid)
                .and_then(|k| chunk.get(*k))
                .ok_or_else(|| anyhow!("the database answered an unknown booking {uid}"))?;
            let r = &plan.resources[b.resource];
            let owner = organisation_ids
                .get(r.owner)
                .copied()
                .ok_or_else(|| anyhow!("a resource of an unknown organisation"))?;
            entries.push(audit_entry(b, r, id, owner, actor));
        }
    }
    audit::record_all(tx, &entries)
        .await
        .context("cannot audit the demo bookings")?;
    Ok(())
}

/// The production manager's partner login, made after the network (a user needs the stored
/// organisation).
pub async fn create_users(
    db: &Db,
    plan: &SharingPlan,
    written: &Written,
    password_hash: &str,
) -> anyhow::Result<usize> {
    let (Some(i), Some((_, organisation_id))) =
        (plan.production_manager, written.production_manager)
    else {
        return Ok(0);
    };
    let e = &plan.extra_people[i];
    let email = Email::parse(PRODUCTION_MANAGER_EMAIL)
        .map_err(|_| anyhow!("bad demo email {PRODUCTION_MANAGER_EMAIL}"))?;
    account::create_user(
        db,
        NewUser {
            email: &email,
            name: &e.input.name,
            role: Role::Partner,
            organisation_id: Some(organisation_id),
            password_hash: Some(password_hash),
            language: Language::Fi,
        },
        &Actor::system("demo"),
    )
    .await
    .context("cannot create the production manager's login")?;
    Ok(1)
}
