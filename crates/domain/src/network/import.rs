//! Import of organisation lists from spreadsheets: recognising columns, validating rows and
//! finding duplicates. This module owns the rules of an import and nothing of its I/O: it takes
//! the header texts and the numbered rows of a table (read by `vaski-sheets`), and answers with
//! a plan (what to create, what to update, what is already so, and what is refused and why)
//! that the store carries out.
//!
//! The steps:
//! 1. [`ColumnMapping::recognise`] tells each header's meaning from its Finnish, Swedish or
//!    English text; the user may correct it with [`ColumnMapping::set`]. A mapping must have a
//!    [`Column::Name`].
//! 2. [`ColumnMapping::candidates`] turns rows into [`Candidate`]s: the organisation (and its
//!    contact person, if the row names one) as text, the way a form would send it.
//! 3. [`plan`] validates every candidate, refuses the later of two rows that describe the same
//!    organisation, and matches the rest against the database through [`Existing`].
//!
//! Every refusal names the row number and the header text as they appear in the file, and the
//! message key of what is wrong, so the user can find and fix the cell.
//!
//! Updates (in [`ImportMode::Upsert`]) change only what the file says: a field is overwritten
//! only when the file has a column for it **and** the row's cell is not empty. An empty cell
//! keeps the stored value, so a file that lists only names and phone numbers cannot wipe
//! addresses, and importing the same file twice changes nothing the second time.

use super::organisation::{normalised_name, FieldErrors, OrganisationDraft, OrganisationInput};
use super::person::{PersonDraft, PersonInput};
use super::search::fold;
use super::{BusinessId, CooperationForm};
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

/// What a column of an imported file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Name,
    BusinessId,
    Kind,
    Industry,
    Municipality,
    Address,
    Website,
    Tags,
    Cooperation,
    Status,
    Notes,
    ContactName,
    ContactTitle,
    ContactEmail,
    ContactPhone,
    /// A column the import leaves alone.
    Ignore,
}

impl Column {
    /// Every column, in the order a mapping page lists them.
    pub const ALL: &'static [Column] = &[
        Column::Name,
        Column::BusinessId,
        Column::Kind,
        Column::Industry,
        Column::Municipality,
        Column::Address,
        Column::Website,
        Column::Tags,
        Column::Cooperation,
        Column::Status,
        Column::Notes,
        Column::ContactName,
        Column::ContactTitle,
        Column::ContactEmail,
        Column::ContactPhone,
        Column::Ignore,
    ];

    /// The stable snake_case code, used in forms and as the suffix of message keys.
    pub fn code(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::BusinessId => "business_id",
            Column::Kind => "kind",
            Column::Industry => "industry",
            Column::Municipality => "municipality",
            Column::Address => "address",
            Column::Website => "website",
            Column::Tags => "tags",
            Column::Cooperation => "cooperation",
            Column::Status => "status",
            Column::Notes => "notes",
            Column::ContactName => "contact_name",
            Column::ContactTitle => "contact_title",
            Column::ContactEmail => "contact_email",
            Column::ContactPhone => "contact_phone",
            Column::Ignore => "ignore",
        }
    }

    /// The column of a code, as a mapping form sends it back.
    pub fn parse(code: &str) -> Option<Column> {
        let code = code.trim();
        Column::ALL.iter().copied().find(|c| c.code() == code)
    }
}

impl std::fmt::Display for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Header texts by column, folded (lower case, no diacritics) and without spaces or
/// punctuation: `Y-tunnus`, `Y tunnus` and `ytunnus` are all `ytunnus`.
#[rustfmt::skip]
const HEADER_WORDS: &[(Column, &[&str])] = &[
    (Column::Name, &[
        "nimi", "organisaatio", "organisaationnimi", "yritys", "yrityksennimi", "yritysnimi",
        "toiminimi", "kumppani", "yhteistyokumppani", "namn", "organisationensnamn", "foretag",
        "foretagetsnamn", "foretagsnamn", "firma", "firmanamn", "samarbetspartner", "name",
        "company", "companyname", "organisation", "organization", "organisationname",
        "organizationname", "partner",
    ]),
    (Column::BusinessId, &[
        "ytunnus", "yritystunnus", "fonummer", "fonr", "foretagsid", "businessid",
        "businessidentitycode", "companyid",
    ]),
    (Column::Kind, &[
        "tyyppi", "laji", "organisaatiotyyppi", "organisaationtyyppi", "organisaatiolaji", "typ",
        "organisationstyp", "kind", "type", "organisationtype", "organizationtype",
    ]),
    (Column::Industry, &[
        "toimiala", "toimialakoodi", "tol", "tolkoodi", "tol2008", "bransch", "branschkod",
        "naringsgren", "industry", "industrycode",
    ]),
    (Column::Municipality, &[
        "kunta", "kotikunta", "sijaintikunta", "paikkakunta", "kaupunki", "kommun", "hemkommun",
        "ort", "stad", "municipality", "city", "town",
    ]),
    (Column::Address, &[
        "osoite", "katuosoite", "postiosoite", "kayntiosoite", "adress", "gatuadress",
        "postadress", "besoksadress", "address", "streetaddress", "postaladdress",
        "visitingaddress",
    ]),
    (Column::Website, &[
        "verkkosivut", "verkkosivu", "verkkosivusto", "kotisivut", "kotisivu", "www", "wwwosoite",
        "webbplats", "webbsida", "hemsida", "website", "web", "homepage", "url",
    ]),
    (Column::Tags, &[
        "tunnisteet", "tunniste", "avainsanat", "asiasanat", "taggar", "nyckelord", "tags",
        "keywords",
    ]),
    (Column::Cooperation, &[
        "yhteistyomuodot", "yhteistyomuoto", "yhteistyo", "samarbetsformer", "samarbetsform",
        "samarbete", "cooperation", "cooperationforms", "collaboration",
    ]),
    (Column::Status, &[
        "tila", "tilanne", "yhteistyontila", "kumppanuudentila", "status",
    ]),
    (Column::Notes, &[
        "muistiinpanot", "muistiinpano", "lisatiedot", "lisatietoja", "huomiot", "huomautukset",
        "kommentit", "anteckningar", "tillaggsinformation", "ovrigt", "kommentarer", "notes",
        "note", "comments", "remarks", "additionalinformation",
    ]),
    (Column::ContactName, &[
        "yhteyshenkilo", "kontaktperson", "kontakt", "contactperson", "contact", "contactname",
    ]),
    (Column::ContactTitle, &[
        "titteli", "tehtavanimike", "nimike", "asema", "titel", "befattning", "title", "jobtitle",
        "position",
    ]),
    (Column::ContactEmail, &[
        "sahkoposti", "sahkopostiosoite", "sposti", "epost", "epostadress", "email",
        "emailaddress", "mail",
    ]),
    (Column::ContactPhone, &[
        "puhelin", "puhelinnumero", "puh", "puhnro", "matkapuhelin", "gsm", "telefon",
        "telefonnummer", "tfn", "tel", "phone", "phonenumber", "telephone", "mobile",
    ]),
];

/// Words that make a header about the contact person (`Yhteyshenkilön sähköposti`,
/// `Contact email`), longest first so that `contactperson` wins over `contact`.
const CONTACT_PREFIXES: &[&str] = &[
    "kontaktpersonens",
    "yhteyshenkilon",
    "contactpersons",
    "contactperson",
    "kontaktperson",
    "yhteyshenkilo",
    "contact",
    "kontakt",
];

/// Recognises a header written in Finnish, Swedish or English, whatever its case, diacritics
/// and punctuation; a note in brackets (`Kunta (kotikunta)`) and a required-field star are
/// ignored. A header about the contact person (`Yhteyshenkilön puhelin`, `Contact e-mail`) is
/// the contact's field. `None` when the header means nothing known.
pub fn recognise(header: &str) -> Option<Column> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    lookup_header(&key).or_else(|| contact_field(&key))
}

/// The header folded and without spaces, bracketed notes and stars.
fn header_key(header: &str) -> String {
    let without_notes = strip_brackets(header);
    let text = if without_notes.trim().is_empty() {
        header
    } else {
        &without_notes
    };
    fold(text).replace(' ', "")
}

/// The text outside `( )` and `[ ]`.
fn strip_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn lookup_header(key: &str) -> Option<Column> {
    HEADER_WORDS
        .iter()
        .find(|(_, words)| words.contains(&key))
        .map(|(column, _)| *column)
}

/// A header that starts with a word for the contact person and goes on with a field of a
/// person: `yhteyshenkilonsahkoposti` is the contact's e-mail.
fn contact_field(key: &str) -> Option<Column> {
    let rest = CONTACT_PREFIXES
        .iter()
        .find_map(|prefix| key.strip_prefix(prefix).filter(|r| !r.is_empty()))?;
    match lookup_header(rest)? {
        Column::Name | Column::ContactName => Some(Column::ContactName),
        c @ (Column::ContactTitle | Column::ContactEmail | Column::ContactPhone) => Some(c),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

/// Why a column mapping cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    /// No column is mapped to a field the import needs: the name, or the contact's name when
    /// other contact fields are mapped.
    #[error("no column of the file is mapped to {column}")]
    MissingColumn { column: Column },
    /// Two columns of the file are mapped to the same field.
    #[error("both {first:?} and {second:?} are mapped to {column}")]
    ColumnTwice {
        column: Column,
        first: String,
        second: String,
    },
    /// A column index past the end of the file's columns.
    #[error("the file has no column {index}")]
    NoSuchColumn { index: usize },
}

impl MappingError {
    /// The message-catalogue key of the error.
    pub fn key(&self) -> &'static str {
        match self {
            MappingError::MissingColumn { .. } => "error-import-missing-column",
            MappingError::ColumnTwice { .. } => "error-import-column-twice",
            MappingError::NoSuchColumn { .. } => "error-import-no-such-column",
        }
    }
}

/// What each column of a file holds, together with the file's header texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMapping {
    headers: Vec<String>,
    columns: Vec<Column>,
    recognised: Vec<bool>,
}

impl ColumnMapping {
    /// Recognises every header; an unknown one is [`Column::Ignore`]. When two headers mean
    /// the same (`Nimi` and `Yritys`), the first is used and the second is left to the user,
    /// listed among [`ColumnMapping::unknown_headers`].
    pub fn recognise(headers: &[String]) -> ColumnMapping {
        let mut columns = Vec::with_capacity(headers.len());
        let mut recognised = Vec::with_capacity(headers.len());
        for header in headers {
            match recognise(header).filter(|c| !columns.contains(c)) {
                Some(column) => {
                    columns.push(column);
                    recognised.push(true);
                }
                None => {
                    columns.push(Column::Ignore);
                    recognised.push(false);
                }
            }
        }
        ColumnMapping {
            headers: headers.to_vec(),
            columns,
            recognised,
        }
    }

    /// Maps the column at `index` (0-based, in file order), as the user chose.
    pub fn set(&mut self, index: usize, column: Column) -> Result<(), MappingError> {
        let slot = self
            .columns
            .get_mut(index)
            .ok_or(MappingError::NoSuchColumn { index })?;
        *slot = column;
        Ok(())
    }

    /// The file's header texts, in file order.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// What each column holds, in file order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The headers [`ColumnMapping::recognise`] did not know (or found a second time), with
    /// their 0-based index, for a page where the user maps them.
    pub fn unknown_headers(&self) -> Vec<(usize, &str)> {
        self.headers
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.recognised.get(*i).copied().unwrap_or(false))
            .map(|(i, h)| (i, h.as_str()))
            .collect()
    }

    /// The header text of the file's column mapped to `column`, if any.
    pub fn header_of(&self, column: Column) -> Option<&str> {
        self.columns
            .iter()
            .position(|c| *c == column)
            .and_then(|i| self.headers.get(i))
            .map(String::as_str)
    }

    /// Checks that the mapping can be imported: it has a name column, no field twice, and a
    /// contact name column if it has any other contact column (a contact person needs a name;
    /// an organisation's general e-mail or phone column has no place to go, so the user
    /// either names the contact column or ignores those).
    pub fn check(&self) -> Result<(), MappingError> {
        for (i, column) in self.columns.iter().enumerate() {
            if *column == Column::Ignore {
                continue;
            }
            if let Some(first) = self.columns[..i].iter().position(|c| c == column) {
                return Err(MappingError::ColumnTwice {
                    column: *column,
                    first: self.header_text(first),
                    second: self.header_text(i),
                });
            }
        }
        if !self.columns.contains(&Column::Name) {
            return Err(MappingError::MissingColumn {
                column: Column::Name,
            });
        }
        let contact_fields = [
            Column::ContactTitle,
            Column::ContactEmail,
            Column::ContactPhone,
        ];
        let has_contact_field = self.columns.iter().any(|c| contact_fields.contains(c));
        if has_contact_field && !self.columns.contains(&Column::ContactName) {
            return Err(MappingError::MissingColumn {
                column: Column::ContactName,
            });
        }
        Ok(())
    }

    fn header_text(&self, index: usize) -> String {
        self.headers.get(index).cloned().unwrap_or_default()
    }

    /// Turns rows, each with its row number as the user sees it, into candidates. A row with
    /// nothing in any mapped column is skipped. Refused when the mapping fails
    /// [`ColumnMapping::check`].
    pub fn candidates<'a>(
        &self,
        rows: impl IntoIterator<Item = (usize, &'a [String])>,
    ) -> Result<Candidates, MappingError> {
        self.check()?;
        let items = rows
            .into_iter()
            .filter_map(|(number, cells)| self.candidate(number, cells))
            .collect();
        Ok(Candidates {
            mapping: self.clone(),
            items,
        })
    }

    /// One row as a candidate, or `None` when its mapped cells are all empty.
    fn candidate(&self, row: usize, cells: &[String]) -> Option<Candidate> {
        let mut organisation = OrganisationInput::default();
        let mut contact = PersonInput::default();
        let mut anything = false;
        for (column, cell) in self.columns.iter().zip(cells) {
            let value = cell.trim();
            if value.is_empty() || *column == Column::Ignore {
                continue;
            }
            anything = true;
            let value = value.to_string();
            match column {
                Column::Name => organisation.name = value,
                Column::BusinessId => organisation.business_id = value,
                Column::Kind => organisation.kind = value,
                Column::Industry => organisation.industry = value,
                Column::Municipality => organisation.municipality = value,
                Column::Address => organisation.address = value,
                Column::Website => organisation.website = value,
                Column::Tags => organisation.tags = value,
                Column::Cooperation => organisation.cooperation = cooperation_codes(&value),
                Column::Status => organisation.status = value,
                Column::Notes => organisation.notes = value,
                Column::ContactName => contact.name = value,
                Column::ContactTitle => contact.title = value,
                Column::ContactEmail => contact.email = value,
                Column::ContactPhone => contact.phone = value,
                Column::Ignore => {}
            }
        }
        let has_contact = contact != PersonInput::default();
        anything.then(|| Candidate {
            row,
            organisation,
            contact: has_contact.then_some(contact),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Candidates
// ---------------------------------------------------------------------------------------------

/// One row of the file as an organisation and, if the row names one, its contact person, in
/// the text form a web form would send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The row number as the user sees it in the file.
    pub row: usize,
    pub organisation: OrganisationInput,
    /// `Some` when any contact column of the row has a value.
    pub contact: Option<PersonInput>,
}

/// The candidates of a file together with the (checked) mapping they were read with, which
/// [`plan`] needs to name the file's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidates {
    mapping: ColumnMapping,
    items: Vec<Candidate>,
}

impl Candidates {
    /// The candidates, in file order.
    pub fn items(&self) -> &[Candidate] {
        &self.items
    }

    /// The mapping the candidates were read with.
    pub fn mapping(&self) -> &ColumnMapping {
        &self.mapping
    }
}

/// The words of cooperation forms people write, folded and without spaces or punctuation
/// (`T&K` is `tk`), besides the codes themselves.
#[rustfmt::skip]
const COOPERATION_WORDS: &[(CooperationForm, &[&str])] = &[
    (CooperationForm::WorkplaceLearning, &[
        "tyossaoppiminen", "tyopaikallajarjestettavakoulutus", "tjk", "koulutussopimus",
        "koulutussopimuskoulutus", "tyoelamajakso", "harjoittelu", "arbetsplatsforlagtlarande",
        "larandeiarbetet", "utbildningsavtal", "praktik", "workplacelearning", "onthejoblearning",
        "workbasedlearning", "trainingagreement", "internship", "internships",
    ]),
    (CooperationForm::Apprenticeship, &[
        "oppisopimus", "oppisopimuskoulutus", "laroavtal", "laroavtalsutbildning",
        "apprenticeship", "apprenticeships",
    ]),
    (CooperationForm::Recruitment, &[
        "rekrytointi", "rekrytoinnit", "rekrytointiyhteistyo", "tyollistaminen", "rekrytering",
        "recruitment", "recruiting",
    ]),
    (CooperationForm::TrainingPurchase, &[
        "koulutuksenosto", "koulutuksenhankinta", "koulutustenosto", "koulutusosto", "tasmakoulutus", "tilauskoulutus",
        "henkilostokoulutus", "taydennyskoulutus", "uppdragsutbildning", "koptutbildning",
        "skraddarsyddutbildning", "trainingpurchase", "purchasedtraining", "tailoredtraining",
        "contracttraining",
    ]),
    (CooperationForm::SharedEquipment, &[
        "laitteidenyhteiskaytto", "yhteiskaytto", "tilojenyhteiskaytto",
        "laitteidenjatilojenyhteiskaytto", "tilojenjalaitteidenyhteiskaytto",
        "gemensamanvandningavutrustning", "deladutrustning", "sharedequipment",
        "equipmentsharing",
    ]),
    (CooperationForm::ResearchAndDevelopment, &[
        "tki", "tk", "tkitoiminta", "tktoiminta", "tutkimusjakehitys",
        "tutkimusjakehitystoiminta", "tutkimuskehitysjainnovaatiotoiminta",
        "tutkimuskehittamisjainnovaatiotoiminta", "fou", "foui", "forskningochutveckling", "rd",
        "rdi", "researchanddevelopment",
    ]),
    (CooperationForm::GuestTeaching, &[
        "vierailijaopetus", "gastundervisning", "vierailijaopettaja", "vierailijaopettajat", "vierailijaopettajuus", "vierailevaopettaja",
        "vierailevatopettajat", "vierailijaluennoitsija", "vierasluennoitsija", "gastlarare",
        "gastforelasare", "gastforelasning", "guestteaching", "guestteacher", "guestlecturer",
        "guestlecture", "guestlectures",
    ]),
    (CooperationForm::Projects, &[
        "projektit", "projekti", "hankkeet", "hanke", "yhteishankkeet", "projektiyhteistyo",
        "hankeyhteistyo", "projekt", "projects", "project", "jointprojects",
    ]),
    (CooperationForm::Other, &[
        "muu", "muut", "annan", "annat", "ovrigt", "other",
    ]),
];

/// Recognises a cooperation form from its code or from a Finnish, Swedish or English word
/// (`työssäoppiminen`, `läroavtal`, `T&K`, `guest teaching`).
pub fn recognise_cooperation(text: &str) -> Option<CooperationForm> {
    let key = fold(text).replace(' ', "");
    if key.is_empty() {
        return None;
    }
    CooperationForm::ALL
        .iter()
        .copied()
        .find(|f| f.code().replace('_', "") == key)
        .or_else(|| {
            COOPERATION_WORDS
                .iter()
                .find(|(_, words)| words.contains(&key.as_str()))
                .map(|(form, _)| *form)
        })
}

/// A cooperation cell split on `,`, `;` and line breaks, each part as its code when
/// recognised and as written otherwise, so that validation reports what it cannot read.
fn cooperation_codes(cell: &str) -> Vec<String> {
    cell.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            recognise_cooperation(part)
                .map_or_else(|| part.to_string(), |form| form.code().to_string())
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------------------

/// The reason of a row that describes the same organisation as an earlier row of the file.
pub const DUPLICATE_IN_FILE: &str = "error-duplicate-in-file";
/// The reason of a row, in [`ImportMode::Create`], whose organisation is already stored.
pub const ALREADY_EXISTS: &str = "error-already-exists";

/// A problem with one cell of the file, for the user to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The row number as the user sees it in the file.
    pub row: usize,
    /// The header text of the column, as in the file.
    pub column: String,
    /// The message key of what is wrong: a field error such as `error-business-id-check`,
    /// or [`DUPLICATE_IN_FILE`] or [`ALREADY_EXISTS`].
    pub reason: &'static str,
    /// The cell's value, as far as the import read it.
    pub value: String,
    /// For [`DUPLICATE_IN_FILE`], the earlier row describing the same organisation.
    pub duplicate_of_row: Option<usize>,
}

/// A candidate whose organisation and contact passed validation.
struct Valid<'a> {
    candidate: &'a Candidate,
    organisation: OrganisationDraft,
    contact: Option<PersonDraft>,
}

/// Validates a candidate; every field error becomes a refusal naming the file's column,
/// in the order of the file's columns.
fn validate<'a>(
    mapping: &ColumnMapping,
    candidate: &'a Candidate,
) -> Result<Valid<'a>, Vec<Refusal>> {
    let organisation = candidate.organisation.validate();
    let contact = candidate
        .contact
        .as_ref()
        .map(PersonInput::validate)
        .transpose();
    match (organisation, contact) {
        (Ok(organisation), Ok(contact)) => Ok(Valid {
            candidate,
            organisation,
            contact,
        }),
        (organisation, contact) => {
            let mut refusals: Vec<(usize, Refusal)> = Vec::new();
            if let Err(errors) = organisation {
                refusals.extend(field_refusals(
                    mapping,
                    candidate,
                    &errors,
                    organisation_column,
                ));
            }
            if let Err(errors) = contact {
                refusals.extend(field_refusals(mapping, candidate, &errors, contact_column));
            }
            refusals.sort_by_key(|(index, _)| *index);
            Err(refusals.into_iter().map(|(_, r)| r).collect())
        }
    }
}

/// Refusals for the field errors of one candidate, each with the index of its column.
fn field_refusals(
    mapping: &ColumnMapping,
    candidate: &Candidate,
    errors: &FieldErrors,
    column_of: fn(&str) -> Option<Column>,
) -> Vec<(usize, Refusal)> {
    errors
        .iter()
        .map(|(field, reason)| {
            let column = column_of(field);
            let index = column
                .and_then(|c| mapping.columns.iter().position(|m| *m == c))
                .unwrap_or(usize::MAX);
            let refusal = Refusal {
                row: candidate.row,
                column: column
                    .and_then(|c| mapping.header_of(c))
                    .unwrap_or(field)
                    .to_string(),
                reason,
                value: column.map(|c| cell_value(candidate, c)).unwrap_or_default(),
                duplicate_of_row: None,
            };
            (index, refusal)
        })
        .collect()
}

/// The column of a field of [`OrganisationInput`].
fn organisation_column(field: &str) -> Option<Column> {
    Some(match field {
        "name" => Column::Name,
        "business_id" => Column::BusinessId,
        "kind" => Column::Kind,
        "industry" => Column::Industry,
        "municipality" => Column::Municipality,
        "address" => Column::Address,
        "website" => Column::Website,
        "tags" => Column::Tags,
        "cooperation" => Column::Cooperation,
        "status" => Column::Status,
        "notes" => Column::Notes,
        _ => return None,
    })
}

/// The column of a field of [`PersonInput`].
fn contact_column(field: &str) -> Option<Column> {
    Some(match field {
        "name" => Column::ContactName,
        "title" => Column::ContactTitle,
        "email" => Column::ContactEmail,
        "phone" => Column::ContactPhone,
        _ => return None,
    })
}

/// What the candidate holds for a column; for cooperation, the parts that are not a form.
fn cell_value(candidate: &Candidate, column: Column) -> String {
    let o = &candidate.organisation;
    let contact = candidate.contact.clone().unwrap_or_default();
    match column {
        Column::Name => o.name.clone(),
        Column::BusinessId => o.business_id.clone(),
        Column::Kind => o.kind.clone(),
        Column::Industry => o.industry.clone(),
        Column::Municipality => o.municipality.clone(),
        Column::Address => o.address.clone(),
        Column::Website => o.website.clone(),
        Column::Tags => o.tags.clone(),
        Column::Cooperation => o
            .cooperation
            .iter()
            .filter(|c| CooperationForm::parse(c).is_err())
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        Column::Status => o.status.clone(),
        Column::Notes => o.notes.clone(),
        Column::ContactName => contact.name,
        Column::ContactTitle => contact.title,
        Column::ContactEmail => contact.email,
        Column::ContactPhone => contact.phone,
        Column::Ignore => String::new(),
    }
}

/// A refusal of a whole row about its identity: on the business ID column when the row has
/// a business ID, otherwise on the name column.
fn identity_refusal(
    mapping: &ColumnMapping,
    valid: &Valid<'_>,
    reason: &'static str,
    duplicate_of_row: Option<usize>,
) -> Refusal {
    let column = if valid.organisation.business_id.is_some() {
        Column::BusinessId
    } else {
        Column::Name
    };
    Refusal {
        row: valid.candidate.row,
        column: mapping
            .header_of(column)
            .unwrap_or(column.code())
            .to_string(),
        reason,
        value: cell_value(valid.candidate, column),
        duplicate_of_row,
    }
}

// ---------------------------------------------------------------------------------------------
// Duplicates inside the file
// ---------------------------------------------------------------------------------------------

/// The organisations met so far in the file. Two rows are the same organisation when they
/// have the same business ID, or when at least one of them has none and their names (without
/// legal form, see [`normalised_name`]) and municipalities are the same. Two rows with
/// different business IDs are different organisations, whatever their names.
#[derive(Default)]
struct SeenInFile {
    by_business_id: HashMap<BusinessId, usize>,
    by_name: HashMap<NameKey, Vec<(usize, bool)>>,
}

/// Normalised name and municipality code.
type NameKey = (String, Option<String>);

fn name_key(organisation: &OrganisationDraft) -> NameKey {
    (
        normalised_name(&organisation.name),
        organisation.municipality.map(|m| m.code.clone()),
    )
}

impl SeenInFile {
    /// The earlier row of the same organisation, if any; otherwise remembers this row.
    fn earlier_row(&mut self, row: usize, organisation: &OrganisationDraft) -> Option<usize> {
        let key = name_key(organisation);
        let same_name = self
            .by_name
            .get(&key)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let earlier = match &organisation.business_id {
            Some(id) => self.by_business_id.get(id).copied().or_else(|| {
                same_name
                    .iter()
                    .find(|(_, has_id)| !has_id)
                    .map(|(r, _)| *r)
            }),
            None => same_name.first().map(|(r, _)| *r),
        };
        if earlier.is_none() {
            if let Some(id) = &organisation.business_id {
                self.by_business_id.insert(id.clone(), row);
            }
            self.by_name
                .entry(key)
                .or_default()
                .push((row, organisation.business_id.is_some()));
        }
        earlier
    }
}

// ---------------------------------------------------------------------------------------------
// Planning against the database
// ---------------------------------------------------------------------------------------------

/// A contact person already stored for an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingContact {
    pub id: i64,
    pub person: PersonDraft,
}

/// An organisation already stored, with what is needed to tell whether an import would
/// change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingOrganisation {
    pub id: i64,
    /// The stored values, in the form a validated import row has.
    pub current: OrganisationDraft,
    /// Its contact people.
    pub contacts: Vec<ExistingContact>,
}

/// The stored organisations, as the plan needs to look them up. Implemented by the store
/// over a snapshot of the database, and by tests over a list.
pub trait Existing {
    /// The organisation with this business ID.
    fn by_business_id(&self, id: &BusinessId) -> Option<ExistingOrganisation>;
    /// An organisation whose [`normalised_name`] is `normalised_name` in the municipality of
    /// this code; `None` as the code means an organisation with no municipality.
    fn by_name_and_municipality(
        &self,
        normalised_name: &str,
        municipality_code: Option<&str>,
    ) -> Option<ExistingOrganisation>;
}

/// Whether an import may change stored organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Only add new organisations; a row of a stored one is refused ([`ALREADY_EXISTS`]).
    #[default]
    Create,
    /// Add new organisations and update stored ones with what the file says.
    Upsert,
}

/// What an import would do, row by row (row numbers as in the file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// New organisations, each with its contact person if the row names one.
    pub creates: Vec<(usize, OrganisationDraft, Option<PersonDraft>)>,
    /// Stored organisations (by id) that the file changes: the organisation as it will be,
    /// and the contact to add, or to write over the stored contact that
    /// [`matching_contact`] finds (`None`: the contacts stay as they are).
    pub updates: Vec<(usize, i64, OrganisationDraft, Option<PersonDraft>)>,
    /// Stored organisations (by id) that the file describes exactly as they are.
    pub unchanged: Vec<(usize, i64)>,
    /// Problems, in file order; a row with several problems has several refusals.
    pub refused: Vec<Refusal>,
}

impl ImportPlan {
    /// How many rows were refused.
    pub fn refused_rows(&self) -> usize {
        let mut rows: Vec<usize> = self.refused.iter().map(|r| r.row).collect();
        rows.dedup();
        rows.len()
    }
}

/// Plans an import: validates every candidate, refuses rows that repeat an earlier row's
/// organisation, and sorts the rest into creates, updates and unchanged by looking them up in
/// `existing` (by business ID; without one, or when it is not found, by normalised name and
/// municipality, the latter only matching a stored organisation without a business ID).
/// Pure: nothing is written.
pub fn plan(candidates: &Candidates, existing: &impl Existing, mode: ImportMode) -> ImportPlan {
    let mapping = &candidates.mapping;
    let mut plan = ImportPlan::default();
    let mut seen = SeenInFile::default();
    let mut matched_rows: HashMap<i64, usize> = HashMap::new();
    for candidate in &candidates.items {
        let valid = match validate(mapping, candidate) {
            Ok(valid) => valid,
            Err(refusals) => {
                plan.refused.extend(refusals);
                continue;
            }
        };
        if let Some(earlier) = seen.earlier_row(candidate.row, &valid.organisation) {
            let refusal = identity_refusal(mapping, &valid, DUPLICATE_IN_FILE, Some(earlier));
            plan.refused.push(refusal);
            continue;
        }
        let Some(found) = find_existing(existing, &valid.organisation) else {
            plan.creates
                .push((candidate.row, valid.organisation, valid.contact));
            continue;
        };
        if let Some(earlier) = matched_rows.get(&found.id) {
            let refusal = identity_refusal(mapping, &valid, DUPLICATE_IN_FILE, Some(*earlier));
            plan.refused.push(refusal);
            continue;
        }
        matched_rows.insert(found.id, candidate.row);
        match mode {
            ImportMode::Create => {
                plan.refused
                    .push(identity_refusal(mapping, &valid, ALREADY_EXISTS, None));
            }
            ImportMode::Upsert => plan_update(&mut plan, &valid, &found),
        }
    }
    plan
}

/// The stored organisation a validated row describes, if any.
fn find_existing(
    existing: &impl Existing,
    organisation: &OrganisationDraft,
) -> Option<ExistingOrganisation> {
    let (name, municipality) = name_key(organisation);
    let by_name = || existing.by_name_and_municipality(&name, municipality.as_deref());
    match &organisation.business_id {
        Some(id) => existing
            .by_business_id(id)
            .or_else(|| by_name().filter(|e| e.current.business_id.is_none())),
        None => by_name(),
    }
}

/// Sorts a row of a stored organisation into updates or unchanged.
fn plan_update(plan: &mut ImportPlan, valid: &Valid<'_>, found: &ExistingOrganisation) {
    let row = valid.candidate.row;
    let organisation = merge_organisation(
        &found.current,
        &valid.candidate.organisation,
        &valid.organisation,
    );
    let contact = valid.contact.as_ref().and_then(|person| {
        contact_change(&found.contacts, valid.candidate.contact.as_ref(), person)
    });
    if organisation == found.current && contact.is_none() {
        plan.unchanged.push((row, found.id));
    } else {
        plan.updates.push((row, found.id, organisation, contact));
    }
}

/// Whether a cell had a value.
fn given(cell: &str) -> bool {
    !cell.trim().is_empty()
}

/// The stored organisation with the fields the row gives (non-empty cells) taken from the
/// row. Tags and cooperation forms are replaced as a whole, not added to.
fn merge_organisation(
    current: &OrganisationDraft,
    input: &OrganisationInput,
    new: &OrganisationDraft,
) -> OrganisationDraft {
    let mut merged = current.clone();
    if given(&input.name) {
        merged.name.clone_from(&new.name);
    }
    if given(&input.business_id) {
        merged.business_id.clone_from(&new.business_id);
    }
    if given(&input.kind) {
        merged.kind = new.kind;
    }
    if given(&input.industry) {
        merged.industry = new.industry;
    }
    if given(&input.municipality) {
        merged.municipality = new.municipality;
    }
    if given(&input.address) {
        merged.address.clone_from(&new.address);
    }
    if given(&input.website) {
        merged.website.clone_from(&new.website);
    }
    if given(&input.tags) {
        merged.tags.clone_from(&new.tags);
    }
    if input.cooperation.iter().any(|c| given(c)) {
        merged.cooperation.clone_from(&new.cooperation);
    }
    if given(&input.status) {
        merged.status = new.status;
    }
    if given(&input.notes) {
        merged.notes.clone_from(&new.notes);
    }
    merged
}

/// The stored contact a person of the file is: the first with the same e-mail address, else
/// the first with the same name (case and diacritics ignored). The store uses the same rule
/// to apply an update's contact.
pub fn matching_contact<'a>(
    contacts: &'a [ExistingContact],
    person: &PersonDraft,
) -> Option<&'a ExistingContact> {
    let by_email = person.email.as_ref().and_then(|email| {
        contacts
            .iter()
            .find(|c| c.person.email.as_ref() == Some(email))
    });
    by_email.or_else(|| {
        let name = fold(&person.name);
        contacts.iter().find(|c| fold(&c.person.name) == name)
    })
}

/// What the row's contact changes: a new contact as is, a known one with the row's non-empty
/// cells written over it, or `None` when the known contact already is as the row says.
fn contact_change(
    contacts: &[ExistingContact],
    input: Option<&PersonInput>,
    person: &PersonDraft,
) -> Option<PersonDraft> {
    let Some(known) = matching_contact(contacts, person) else {
        return Some(person.clone());
    };
    let input = input.cloned().unwrap_or_default();
    let mut merged = known.person.clone();
    if given(&input.name) {
        merged.name.clone_from(&person.name);
    }
    if given(&input.title) {
        merged.title.clone_from(&person.title);
    }
    if given(&input.email) {
        merged.email.clone_from(&person.email);
    }
    if given(&input.phone) {
        merged.phone.clone_from(&person.phone);
    }
    (merged != known.person).then_some(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{OrganisationKind, OrganisationStatus};

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    fn mapping(headers: &[&str]) -> ColumnMapping {
        ColumnMapping::recognise(&strings(headers))
    }

    /// Candidates of rows numbered from 2, as under a header row.
    fn candidates(headers: &[&str], rows: &[&[&str]]) -> Candidates {
        let rows: Vec<Vec<String>> = rows.iter().map(|r| strings(r)).collect();
        mapping(headers)
            .candidates(rows.iter().enumerate().map(|(i, r)| (i + 2, r.as_slice())))
            .expect("mapping is valid")
    }

    #[derive(Default)]
    struct Stored(Vec<ExistingOrganisation>);

    impl Existing for Stored {
        fn by_business_id(&self, id: &BusinessId) -> Option<ExistingOrganisation> {
            self.0
                .iter()
                .find(|e| e.current.business_id.as_ref() == Some(id))
                .cloned()
        }

        fn by_name_and_municipality(
            &self,
            name: &str,
            municipality_code: Option<&str>,
        ) -> Option<ExistingOrganisation> {
            self.0
                .iter()
                .find(|e| {
                    normalised_name(&e.current.name) == name
                        && e.current.municipality.map(|m| m.code.as_str()) == municipality_code
                })
                .cloned()
        }
    }

    /// Stores what a plan creates, as the store would, so that a second import sees it.
    fn store_created(plan: &ImportPlan) -> Stored {
        Stored(
            plan.creates
                .iter()
                .zip(1..)
                .map(|((_, organisation, contact), id)| ExistingOrganisation {
                    id,
                    current: organisation.clone(),
                    contacts: contact
                        .iter()
                        .map(|person| ExistingContact {
                            id: id * 100,
                            person: person.clone(),
                        })
                        .collect(),
                })
                .collect(),
        )
    }

    fn reasons(plan: &ImportPlan) -> Vec<(usize, &str, &str)> {
        plan.refused
            .iter()
            .map(|r| (r.row, r.column.as_str(), r.reason))
            .collect()
    }

    const FINNISH_HEADERS: &[&str] = &[
        "Nimi",
        "Y-tunnus",
        "Tyyppi",
        "Toimiala",
        "Kunta",
        "Osoite",
        "Verkkosivut",
        "Tunnisteet",
        "Yhteistyömuodot",
        "Tila",
        "Muistiinpanot",
        "Yhteyshenkilö",
        "Titteli",
        "Sähköposti",
        "Puhelin",
    ];

    fn every_column_but_ignore() -> Vec<Option<Column>> {
        Column::ALL
            .iter()
            .copied()
            .filter(|c| *c != Column::Ignore)
            .map(Some)
            .collect()
    }

    #[test]
    fn finnish_headers_are_recognised() {
        let found: Vec<Option<Column>> = FINNISH_HEADERS.iter().map(|h| recognise(h)).collect();
        assert_eq!(found, every_column_but_ignore());
    }

    #[test]
    fn swedish_headers_are_recognised() {
        let headers = [
            "Namn",
            "FO-nummer",
            "Typ",
            "Bransch",
            "Kommun",
            "Adress",
            "Webbplats",
            "Taggar",
            "Samarbetsformer",
            "Status",
            "Anteckningar",
            "Kontaktperson",
            "Titel",
            "E-post",
            "Telefon",
        ];
        let found: Vec<Option<Column>> = headers.iter().map(|h| recognise(h)).collect();
        assert_eq!(found, every_column_but_ignore());
    }

    #[test]
    fn english_headers_are_recognised() {
        let headers = [
            "Name",
            "Business ID",
            "Kind",
            "Industry",
            "Municipality",
            "Address",
            "Website",
            "Tags",
            "Cooperation",
            "Status",
            "Notes",
            "Contact person",
            "Title",
            "E-mail",
            "Phone",
        ];
        let found: Vec<Option<Column>> = headers.iter().map(|h| recognise(h)).collect();
        assert_eq!(found, every_column_but_ignore());
    }

    #[test]
    fn other_common_header_words_are_recognised() {
        for (header, column) in [
            ("Organisaatio", Column::Name),
            ("Yritys", Column::Name),
            ("Company", Column::Name),
            ("Ytunnus", Column::BusinessId),
            ("Laji", Column::Kind),
            ("Type", Column::Kind),
            ("TOL", Column::Industry),
            ("Kotikunta", Column::Municipality),
            ("Katuosoite", Column::Address),
            ("WWW", Column::Website),
            ("Avainsanat", Column::Tags),
            ("Lisätiedot", Column::Notes),
            ("Contact", Column::ContactName),
            ("Tehtävänimike", Column::ContactTitle),
            ("Email", Column::ContactEmail),
            ("Puh.", Column::ContactPhone),
        ] {
            assert_eq!(recognise(header), Some(column), "{header}");
        }
    }

    #[test]
    fn case_diacritics_punctuation_and_bracketed_notes_do_not_matter() {
        assert_eq!(recognise("SAHKOPOSTI"), Some(Column::ContactEmail));
        assert_eq!(recognise("  y tunnus "), Some(Column::BusinessId));
        assert_eq!(recognise("Nimi *"), Some(Column::Name));
        assert_eq!(recognise("Kunta (kotikunta)"), Some(Column::Municipality));
        assert_eq!(recognise("YHTEISTYÖMUODOT"), Some(Column::Cooperation));
    }

    #[test]
    fn a_header_about_the_contact_person_is_the_contacts_field() {
        assert_eq!(recognise("Yhteyshenkilön nimi"), Some(Column::ContactName));
        assert_eq!(
            recognise("Yhteyshenkilön sähköposti"),
            Some(Column::ContactEmail)
        );
        assert_eq!(recognise("Contact e-mail"), Some(Column::ContactEmail));
        assert_eq!(
            recognise("Kontaktpersonens telefon"),
            Some(Column::ContactPhone)
        );
        assert_eq!(recognise("Yhteyshenkilön kunta"), None);
    }

    #[test]
    fn unknown_headers_are_ignored_and_listed() {
        let m = mapping(&["Nimi", "Liikevaihto", "", "Kunta"]);
        assert_eq!(
            m.columns(),
            &[
                Column::Name,
                Column::Ignore,
                Column::Ignore,
                Column::Municipality
            ]
        );
        assert_eq!(m.unknown_headers(), vec![(1, "Liikevaihto"), (2, "")]);
    }

    #[test]
    fn a_second_header_of_the_same_meaning_is_left_to_the_user() {
        let m = mapping(&["Nimi", "Yritys"]);
        assert_eq!(m.columns(), &[Column::Name, Column::Ignore]);
        assert_eq!(m.unknown_headers(), vec![(1, "Yritys")]);
    }

    #[test]
    fn the_user_can_map_an_unknown_column() {
        let mut m = mapping(&["Firma nimi", "Kunta"]);
        assert_eq!(
            m.check(),
            Err(MappingError::MissingColumn {
                column: Column::Name
            })
        );
        m.set(0, Column::Name).expect("column exists");
        assert_eq!(m.check(), Ok(()));
        assert_eq!(
            m.set(5, Column::Notes),
            Err(MappingError::NoSuchColumn { index: 5 })
        );
    }

    #[test]
    fn a_mapping_without_a_name_column_is_refused() {
        let rows: Vec<Vec<String>> = vec![strings(&["Forssa"])];
        let result = mapping(&["Kunta"]).candidates(rows.iter().map(|r| (2, r.as_slice())));
        assert_eq!(
            result.map(|c| c.items().len()),
            Err(MappingError::MissingColumn {
                column: Column::Name
            })
        );
    }

    #[test]
    fn contact_columns_without_a_contact_name_column_are_refused() {
        assert_eq!(
            mapping(&["Nimi", "Sähköposti"]).check(),
            Err(MappingError::MissingColumn {
                column: Column::ContactName
            })
        );
        assert_eq!(
            mapping(&["Nimi", "Yhteyshenkilö", "Sähköposti"]).check(),
            Ok(())
        );
    }

    #[test]
    fn two_columns_mapped_to_the_same_field_are_refused() {
        let mut m = mapping(&["Nimi", "Yritys"]);
        m.set(1, Column::Name).expect("column exists");
        assert_eq!(
            m.check(),
            Err(MappingError::ColumnTwice {
                column: Column::Name,
                first: "Nimi".into(),
                second: "Yritys".into(),
            })
        );
    }

    #[test]
    fn cooperation_words_in_three_languages_and_codes_become_codes() {
        let c = candidates(
            &["Nimi", "Yhteistyö"],
            &[&[
                "A",
                "Työssäoppiminen, oppisopimus; Rekrytointi, täsmäkoulutus, Laitteiden yhteiskäyttö, \
                 T&K, vierailijaopettaja, Hankkeet, läroavtal, guest teaching, projects",
            ]],
        );
        assert_eq!(
            c.items()[0].organisation.cooperation,
            strings(&[
                "workplace_learning",
                "apprenticeship",
                "recruitment",
                "training_purchase",
                "shared_equipment",
                "research_and_development",
                "guest_teaching",
                "projects",
                "apprenticeship",
                "guest_teaching",
                "projects",
            ])
        );
        assert_eq!(
            recognise_cooperation("työpaikalla järjestettävä koulutus"),
            Some(CooperationForm::WorkplaceLearning)
        );
        assert_eq!(
            recognise_cooperation("koulutuksen osto"),
            Some(CooperationForm::TrainingPurchase)
        );
        assert_eq!(
            recognise_cooperation("TKI"),
            Some(CooperationForm::ResearchAndDevelopment)
        );
        assert_eq!(
            recognise_cooperation("shared_equipment"),
            Some(CooperationForm::SharedEquipment)
        );
    }

    #[test]
    fn an_unknown_cooperation_word_is_refused_with_its_text() {
        let c = candidates(&["Nimi", "Yhteistyö"], &[&["A", "oppisopimus, kahvittelu"]]);
        let plan = plan(&c, &Stored::default(), ImportMode::Create);
        assert_eq!(reasons(&plan), vec![(2, "Yhteistyö", "error-cooperation")]);
        assert_eq!(plan.refused[0].value, "kahvittelu");
    }

    #[test]
    fn field_errors_are_reported_with_the_row_and_the_files_header() {
        let c = candidates(
            &[
                "Yritys",
                "Y-tunnus",
                "Kotikunta",
                "Yhteyshenkilö",
                "Sähköposti",
            ],
            &[
                &[
                    "Hitsaamo Oy",
                    "0112038-9",
                    "Forssa",
                    "Maija",
                    "maija@hitsaamo.fi",
                ],
                &[
                    "Pelti Oy",
                    "1234567-8",
                    "Atlantis",
                    "Pekka",
                    "pekka(at)pelti",
                ],
                &["", "", "Forssa", "", ""],
            ],
        );
        let plan = plan(&c, &Stored::default(), ImportMode::Create);
        assert_eq!(plan.creates.len(), 1);
        assert_eq!(
            reasons(&plan),
            vec![
                (3, "Y-tunnus", "error-business-id-check"),
                (3, "Kotikunta", "error-municipality"),
                (3, "Sähköposti", "error-email"),
                (4, "Yritys", "error-required"),
            ]
        );
        let values: Vec<&str> = plan.refused.iter().map(|r| r.value.as_str()).collect();
        assert_eq!(values, vec!["1234567-8", "Atlantis", "pekka(at)pelti", ""]);
        assert_eq!(plan.refused_rows(), 2);
    }

    #[test]
    fn a_contact_without_a_name_is_refused_on_the_contact_column() {
        let c = candidates(
            &["Nimi", "Yhteyshenkilö", "Puhelin"],
            &[&["Hitsaamo", "", "040 123 4567"]],
        );
        let plan = plan(&c, &Stored::default(), ImportMode::Create);
        assert_eq!(reasons(&plan), vec![(2, "Yhteyshenkilö", "error-required")]);
    }

    #[test]
    fn rows_with_nothing_in_mapped_columns_are_skipped() {
        let c = candidates(&["Nimi", "Liikevaihto"], &[&["", "1000"], &["A", ""]]);
        assert_eq!(c.items().len(), 1);
        assert_eq!(c.items()[0].row, 3);
        assert_eq!(c.items()[0].contact, None);
    }

    #[test]
    fn a_row_is_read_into_an_organisation_and_its_contact() {
        let c = candidates(
            FINNISH_HEADERS,
            &[&[
                "Forssan Hitsaamo Oy",
                "0112038-9",
                "Yritys",
                "25",
                "Forssa",
                "Hitsaajankatu 1",
                "www.hitsaamo.fi",
                "metalli, hitsaus",
                "oppisopimus",
                "Aktiivinen",
                "Hyvä kumppani",
                "Maija Mallikas",
                "Työnjohtaja",
                "maija@hitsaamo.fi",
                "040 123 4567",
            ]],
        );
        let plan = plan(&c, &Stored::default(), ImportMode::Create);
        assert_eq!(plan.refused, vec![]);
        let (row, organisation, contact) = &plan.creates[0];
        assert_eq!(*row, 2);
        assert_eq!(organisation.kind, OrganisationKind::Company);
        assert_eq!(organisation.status, OrganisationStatus::Active);
        assert_eq!(
            organisation.website.as_deref(),
            Some("https://www.hitsaamo.fi")
        );
        assert_eq!(
            organisation.cooperation,
            vec![CooperationForm::Apprenticeship]
        );
        let contact = contact.as_ref().expect("a contact");
        assert_eq!(contact.title.as_deref(), Some("Työnjohtaja"));
        assert_eq!(contact.phone.as_deref(), Some("040 123 4567"));
    }

    #[test]
    fn a_later_row_with_the_same_business_id_is_a_duplicate_of_the_earlier() {
        let c = candidates(
            &["Nimi", "Y-tunnus"],
            &[
                &["Hitsaamo", "0112038-9"],
                &["Pelti", "0245458-3"],
                &["Hitsaamo Forssa", "112038-9"],
            ],
        );
        let plan = plan(&c, &Stored::default(), ImportMode::Create);
        assert_eq!(plan.creates.len(), 2);
        assert_eq!(
            plan.refused,
            vec![Refusal {
                row: 4,
                column: "Y-tunnus".into(),
                reason: DUPLICATE_IN_FILE,
                value: "112038-9".into(),
                duplicate_of_row: Some(2),
            }]
        );
    }

    #[test]
    fn without_business_ids_the_same_name_in_the_same_municipality_is_a_duplicate() {
        let c = candidates(
            &["Nimi", "Kunta"],
            &[
                &["Hitsaamo Oy", "Forssa"],
                &["HITSAAMO", "Jokioinen"],
                &["hitsaamo", "forssa"],
            ],
        );
        let plan = plan(&c, &Stored::default(), ImportMode::Create);
        assert_eq!(plan.creates.len(), 2);
        assert_eq!(reasons(&plan), vec![(4, "Nimi", DUPLICATE_IN_FILE)]);
        assert_eq!(plan.refused[0].duplicate_of_row, Some(2));
    }

    #[test]
    fn a_row_without_business_id_repeats_a_row_with_one_of_the_same_name() {
        let c = candidates(
            &["Nimi", "Y-tunnus", "Kunta"],
            &[
                &["Hitsaamo Oy", "0112038-9", "Forssa"],
                &["Hitsaamo", "", "Forssa"],
            ],
        );
        let plan = plan(&c, &Stored::default(), ImportMode::Create);
        assert_eq!(reasons(&plan), vec![(3, "Nimi", DUPLICATE_IN_FILE)]);
    }

    #[test]
    fn different_business_ids_are_different_organisations_whatever_the_name() {
        let c = candidates(
            &["Nimi", "Y-tunnus", "Kunta"],
            &[
                &["Hitsaamo Oy", "0112038-9", "Forssa"],
                &["Hitsaamo Oy", "0245458-3", "Forssa"],
            ],
        );
        let plan = plan(&c, &Stored::default(), ImportMode::Create);
        assert_eq!(plan.creates.len(), 2);
        assert_eq!(plan.refused, vec![]);
    }

    const HEADERS: &[&str] = &[
        "Nimi",
        "Y-tunnus",
        "Kunta",
        "Osoite",
        "Yhteyshenkilö",
        "Puhelin",
    ];

    fn first_file() -> Candidates {
        candidates(
            HEADERS,
            &[
                &[
                    "Hitsaamo Oy",
                    "0112038-9",
                    "Forssa",
                    "Teollisuustie 1",
                    "Maija Mallikas",
                    "040 1234567",
                ],
                &["Ypäjän Talli", "", "Ypäjä", "", "", ""],
            ],
        )
    }

    #[test]
    fn create_mode_refuses_what_already_exists() {
        let stored = store_created(&plan(&first_file(), &Stored::default(), ImportMode::Create));
        let c = candidates(
            HEADERS,
            &[
                &["Hitsaamo", "0112038-9", "", "", "", ""],
                &["Ypäjän talli", "", "Ypäjä", "", "", ""],
                &["Pelti Oy", "0245458-3", "Loppi", "", "", ""],
            ],
        );
        let plan = plan(&c, &stored, ImportMode::Create);
        assert_eq!(
            reasons(&plan),
            vec![(2, "Y-tunnus", ALREADY_EXISTS), (3, "Nimi", ALREADY_EXISTS)]
        );
        assert_eq!(plan.creates.len(), 1);
        assert_eq!(plan.creates[0].0, 4);
    }

    #[test]
    fn reimporting_the_same_file_changes_nothing() {
        let first = plan(&first_file(), &Stored::default(), ImportMode::Upsert);
        assert_eq!(first.creates.len(), 2);
        let stored = store_created(&first);
        let again = plan(&first_file(), &stored, ImportMode::Upsert);
        assert_eq!(again.creates, vec![]);
        assert_eq!(again.updates, vec![]);
        assert_eq!(again.refused, vec![]);
        assert_eq!(again.unchanged, vec![(2, 1), (3, 2)]);
    }

    #[test]
    fn upsert_updates_only_what_the_file_gives() {
        let stored = store_created(&plan(&first_file(), &Stored::default(), ImportMode::Upsert));
        let c = candidates(
            &["Nimi", "Y-tunnus", "Osoite", "Tila"],
            &[&["Forssan Hitsaamo Oy", "0112038-9", "", "Lepäävä"]],
        );
        let plan = plan(&c, &stored, ImportMode::Upsert);
        let (row, id, organisation, contact) = &plan.updates[0];
        assert_eq!((*row, *id), (2, 1));
        assert_eq!(organisation.name, "Forssan Hitsaamo Oy");
        assert_eq!(organisation.status, OrganisationStatus::Dormant);
        assert_eq!(organisation.address.as_deref(), Some("Teollisuustie 1"));
        assert_eq!(
            organisation.municipality.map(|m| m.name_fi.as_str()),
            Some("Forssa")
        );
        assert_eq!(*contact, None);
    }

    #[test]
    fn upsert_adds_a_new_contact_and_updates_a_known_one() {
        let stored = store_created(&plan(&first_file(), &Stored::default(), ImportMode::Upsert));
        let c = candidates(
            HEADERS,
            &[
                &[
                    "Hitsaamo Oy",
                    "0112038-9",
                    "",
                    "",
                    "MAIJA MALLIKAS",
                    "050 7654321",
                ],
                &["Ypäjän Talli", "", "Ypäjä", "", "Olli Ohjaaja", ""],
            ],
        );
        let plan = plan(&c, &stored, ImportMode::Upsert);
        assert_eq!(plan.updates.len(), 2);
        let known = plan.updates[0].3.as_ref().expect("updated contact");
        assert_eq!(known.name, "MAIJA MALLIKAS");
        assert_eq!(known.phone.as_deref(), Some("050 7654321"));
        assert_eq!(plan.updates[0].2, stored.0[0].current);
        let new = plan.updates[1].3.as_ref().expect("new contact");
        assert_eq!(new.name, "Olli Ohjaaja");
        assert_eq!(matching_contact(&stored.0[1].contacts, new), None);
    }

    #[test]
    fn a_business_id_in_the_file_is_added_to_a_stored_organisation_found_by_name() {
        let stored = store_created(&plan(&first_file(), &Stored::default(), ImportMode::Upsert));
        let c = candidates(
            &["Nimi", "Y-tunnus", "Kunta"],
            &[&["Ypäjän Talli Oy", "0245458-3", "Ypäjä"]],
        );
        let plan = plan(&c, &stored, ImportMode::Upsert);
        let (_, id, organisation, _) = &plan.updates[0];
        assert_eq!(*id, 2);
        assert_eq!(
            organisation.business_id.as_ref().map(BusinessId::as_str),
            Some("0245458-3")
        );
    }

    #[test]
    fn a_stored_organisation_with_another_business_id_is_not_the_same_by_name() {
        let stored = store_created(&plan(&first_file(), &Stored::default(), ImportMode::Upsert));
        let c = candidates(
            &["Nimi", "Y-tunnus", "Kunta"],
            &[&["Hitsaamo", "0245458-3", "Forssa"]],
        );
        let plan = plan(&c, &stored, ImportMode::Upsert);
        assert_eq!(plan.creates.len(), 1);
        assert_eq!(plan.updates, vec![]);
    }

    #[test]
    fn two_rows_that_find_the_same_stored_organisation_are_duplicates() {
        let stored = store_created(&plan(&first_file(), &Stored::default(), ImportMode::Upsert));
        let c = candidates(
            &["Nimi", "Y-tunnus", "Kunta"],
            &[
                &["Hitsaamo", "0112038-9", "Jokioinen"],
                &["Hitsaamo", "", "Forssa"],
            ],
        );
        let plan = plan(&c, &stored, ImportMode::Upsert);
        assert_eq!(plan.updates.len(), 1);
        assert_eq!(reasons(&plan), vec![(3, "Nimi", DUPLICATE_IN_FILE)]);
        assert_eq!(plan.refused[0].duplicate_of_row, Some(2));
    }
}
