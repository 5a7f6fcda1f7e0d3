//! The organisations every demo network has: the institution itself, the municipalities of the
//! region, neighbouring schools, universities, research institutes, associations, employment
//! services, and a few companies that the guides and tests refer to by name.

use vaski_domain::network::OrganisationKind;

pub struct Anchor {
    /// How the generator refers to it.
    pub key: &'static str,
    pub name: &'static str,
    pub kind: OrganisationKind,
    pub municipality: &'static str,
    /// TOL 2008 division.
    pub industry: &'static str,
    pub tags: &'static str,
    /// Web and email domain (always under `.example`).
    pub domain: &'static str,
    /// The sector (a key of `words::SECTORS`) of an anchor company.
    pub sector: Option<&'static str>,
    /// The staff member (index in `words::STAFF`) who owns the partnership first.
    pub owner: usize,
    pub notes: Option<&'static str>,
}

use OrganisationKind::*;

#[expect(clippy::too_many_arguments, reason = "one row of the table below")]
const fn anchor(
    key: &'static str,
    name: &'static str,
    kind: OrganisationKind,
    municipality: &'static str,
    industry: &'static str,
    tags: &'static str,
    domain: &'static str,
    owner: usize,
) -> Anchor {
    Anchor {
        key,
        name,
        kind,
        municipality,
        industry,
        tags,
        domain,
        sector: None,
        owner,
        notes: None,
    }
}

#[expect(clippy::too_many_arguments, reason = "one row of the table below")]
const fn company(
    key: &'static str,
    name: &'static str,
    municipality: &'static str,
    industry: &'static str,
    tags: &'static str,
    domain: &'static str,
    sector: &'static str,
    owner: usize,
) -> Anchor {
    Anchor {
        key,
        name,
        kind: Company,
        municipality,
        industry,
        tags,
        domain,
        sector: Some(sector),
        owner,
        notes: None,
    }
}

const fn with_notes(a: Anchor, notes: &'static str) -> Anchor {
    Anchor {
        notes: Some(notes),
        ..a
    }
}

pub const LHKK: &str = "lhkk";
pub const HITSAAMO: &str = "hitsaamo";

pub const ANCHORS: &[Anchor] = &[
    with_notes(
        anchor(LHKK, "Lounais-Hämeen koulutuskuntayhtymä", VocationalInstitution, "Forssa", "85", "lhkk, oppilaitos, vaski", "lhkk.example", 0),
        "Oma organisaatio: koulutuskuntayhtymä, jonka työelämäverkostoa Vaski hoitaa.",
    ),
    anchor("tavastia", "Koulutuskuntayhtymä Tavastia", VocationalInstitution, "Hämeenlinna", "85", "oppilaitos, yhteiskäyttö", "tavastia.example", 8),
    anchor("livia", "Ammattiopisto Livia", VocationalInstitution, "Tammela", "85", "oppilaitos, maatalous, mustiala", "livia.example", 9),
    anchor("hyria", "Hyria koulutus Oy", VocationalInstitution, "Riihimäki", "85", "oppilaitos, logistiikka", "hyria.example", 5),
    with_notes(
        anchor("hevosopisto", "Hevosopisto Oy", VocationalInstitution, "Ypäjä", "85", "oppilaitos, hevostalous", "hevosopisto.example", 9),
        "Hevostalouden oppilaitos Ypäjällä; maneesien ja tallien yhteiskäyttö.",
    ),
    anchor("hamk", "Hämeen ammattikorkeakoulu Oy", University, "Hämeenlinna", "85", "hamk, korkeakoulu, väyläopinnot", "hamk.example", 8),
    anchor("turkuamk", "Turun ammattikorkeakoulu Oy", University, "Turku", "85", "korkeakoulu", "turkuamk.example", 0),
    anchor("tuni", "Tampereen yliopisto", University, "Tampere", "85", "yliopisto, tutkimus", "tuni.example", 8),
    anchor("helsinki", "Helsingin yliopisto", University, "Helsinki", "85", "yliopisto, maatalous", "helsinki.example", 9),
    anchor("lab", "LAB-ammattikorkeakoulu Oy", University, "Lahti", "85", "korkeakoulu, kiertotalous", "lab.example", 0),
    with_notes(
        anchor("luke", "Luonnonvarakeskus", ResearchInstitute, "Jokioinen", "72", "luke, tutkimus, maatalous", "luke.example", 9),
        "Luken Jokioisten toimipaikka: kasvintuotannon ja kotieläintutkimuksen koetilat.",
    ),
    with_notes(
        anchor("ilmatiede", "Ilmatieteen laitos", ResearchInstitute, "Jokioinen", "72", "tutkimus, ilmasto", "ilmatieteenlaitos.example", 9),
        "Jokioisten observatorio.",
    ),
    anchor("vtt", "Teknologian tutkimuskeskus VTT Oy", ResearchInstitute, "Espoo", "72", "tutkimus, teollisuus", "vtt.example", 8),
    anchor("syke", "Suomen ympäristökeskus", ResearchInstitute, "Helsinki", "72", "tutkimus, ympäristö, kiertotalous", "syke.example", 8),
    anchor("forssa", "Forssan kaupunki", PublicBody, "Forssa", "84", "kunta, kesätyöt", "forssa.example", 0),
    anchor("jokioinen", "Jokioisten kunta", PublicBody, "Jokioinen", "84", "kunta", "jokioinen.example", 0),
    anchor("tammela", "Tammelan kunta", PublicBody, "Tammela", "84", "kunta", "tammela.example", 0),
    anchor("ypaja", "Ypäjän kunta", PublicBody, "Ypäjä", "84", "kunta", "ypaja.example", 9),
    anchor("humppila", "Humppilan kunta", PublicBody, "Humppila", "84", "kunta", "humppila.example", 0),
    anchor("loimaa", "Loimaan kaupunki", PublicBody, "Loimaa", "84", "kunta", "loimaa.example", 6),
    anchor("urjala", "Urjalan kunta", PublicBody, "Urjala", "84", "kunta", "urjala.example", 6),
    anchor("somero", "Someron kaupunki", PublicBody, "Somero", "84", "kunta", "somero.example", 6),
    anchor("hameenlinna", "Hämeenlinnan kaupunki", PublicBody, "Hämeenlinna", "84", "kunta", "hameenlinna.example", 0),
    anchor("omahame", "Kanta-Hämeen hyvinvointialue", PublicBody, "Hämeenlinna", "86", "sote, hyvinvointialue, rekrytointi", "omahame.example", 2),
    anchor("hameenliitto", "Hämeen liitto", PublicBody, "Hämeenlinna", "84", "maakunta, rahoitus", "hameenliitto.example", 0),
    anchor("ely", "Hämeen ELY-keskus", PublicBody, "Hämeenlinna", "84", "rahoitus, hankkeet", "ely.example", 0),
    with_notes(
        anchor("virta", "Virta-verkosto", EmploymentService, "Forssa", "78", "virta, työllisyys, kohtaanto", "virta.example", 11),
        "Forssan seudun työllisyyspalvelujen verkosto: työttömät työhön, koulutukseen tai muihin palveluihin.",
    ),
    anchor("tyollisyysalue", "Forssan seudun työllisyysalue", EmploymentService, "Forssa", "84", "työllisyys, kohtaanto", "tyollisyysalue.example", 11),
    anchor("te", "Hämeen TE-palvelut", EmploymentService, "Hämeenlinna", "84", "työllisyys, työvoimakoulutus", "te-palvelut.example", 11),
    anchor("ohjaamo", "Ohjaamo Forssa", EmploymentService, "Forssa", "88", "nuoret, ohjaus, työllisyys", "ohjaamo.example", 11),
    anchor("forssanyrittajat", "Forssan Yrittäjät ry", Association, "Forssa", "94", "yrittäjät", "forssanyrittajat.example", 0),
    anchor("jokioistenyrittajat", "Jokioisten Yrittäjät ry", Association, "Jokioinen", "94", "yrittäjät", "jokioistenyrittajat.example", 6),
    anchor("tammelanyrittajat", "Tammelan Yrittäjät ry", Association, "Tammela", "94", "yrittäjät", "tammelanyrittajat.example", 6),
    anchor("ypajanyrittajat", "Ypäjän Yrittäjät ry", Association, "Ypäjä", "94", "yrittäjät", "ypajanyrittajat.example", 6),
    anchor("humppilanyrittajat", "Humppilan Yrittäjät ry", Association, "Humppila", "94", "yrittäjät", "humppilanyrittajat.example", 6),
    anchor("hameenyrittajat", "Hämeen Yrittäjät ry", Association, "Hämeenlinna", "94", "yrittäjät", "hameenyrittajat.example", 0),
    anchor("kauppakamari", "Hämeen kauppakamari", Association, "Hämeenlinna", "94", "elinkeinoelämä, koulutus", "kauppakamari.example", 0),
    anchor("4h", "Forssan seudun 4H-yhdistys ry", Association, "Forssa", "94", "nuoret, kesätyöt", "forssa4h.example", 11),
    anchor("mtk", "MTK-Häme ry", Association, "Hämeenlinna", "94", "maatalous, yrittäjät", "mtk-hame.example", 9),
    anchor("mielenterveys", "Forssan Seudun Mielenterveysseura ry", Association, "Forssa", "94", "sote, järjestö", "mielenterveysseura.example", 2),
    with_notes(
        anchor("fyk", "Forssan Yrityskehitys Oy", Other, "Forssa", "70", "elinkeinot, yrityspalvelut, envitech", "fyk.example", 0),
        "Seudun elinkeinoyhtiö: yritysneuvonta ja sijoittumispalvelut.",
    ),
    with_notes(
        company(HITSAAMO, "Forssan Hitsaamo Oy", "Forssa", "25", "metalli, hitsaus, oppisopimus", "hitsaamo.example", "metal", 1),
        "Pitkäaikainen koulutussopimus- ja oppisopimuskumppani; kumppanikäyttäjä kokeilee varauksia.",
    ),
    company("ypajanhitsaamo", "Ypäjän Hitsaamo Ky", "Ypäjä", "25", "metalli, hitsaus", "ypajanhitsaamo.example", "metal", 1),
    company("tammelanpuu", "Tammelan Puu ja Rakenne Oy", "Tammela", "41", "rakentaminen, puu", "tammelanpuu.example", "construction", 3),
    company("jokioistenkonepaja", "Jokioisten Konepaja Ky", "Jokioinen", "28", "metalli, koneistus, cnc", "jokioistenkonepaja.example", "metal", 1),
];
