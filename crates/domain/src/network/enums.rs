//! The closed vocabularies of the partner network. Each value has one stable snake_case code,
//! used in the database, in JSON and as the suffix of its message-catalogue key.

use crate::text::Invalid;
use crate::vocabulary::vocabulary;

vocabulary! {
    /// What kind of body an organisation is.
    OrganisationKind, "kind", "error-kind" {
        Company => "company",
        PublicBody => "public_body",
        VocationalInstitution => "vocational_institution",
        University => "university",
        ResearchInstitute => "research_institute",
        Association => "association",
        EmploymentService => "employment_service",
        Other => "other",
    }
}

vocabulary! {
    /// Where a partnership stands.
    OrganisationStatus, "status", "error-status" {
        Active => "active",
        Prospect => "prospect",
        Dormant => "dormant",
        Ended => "ended",
    }
}

vocabulary! {
    /// The ways an organisation cooperates with the institution.
    CooperationForm, "cooperation", "error-cooperation" {
        WorkplaceLearning => "workplace_learning",
        Apprenticeship => "apprenticeship",
        Recruitment => "recruitment",
        TrainingPurchase => "training_purchase",
        SharedEquipment => "shared_equipment",
        ResearchAndDevelopment => "research_and_development",
        GuestTeaching => "guest_teaching",
        Projects => "projects",
        Other => "other",
    }
}

vocabulary! {
    /// How staff and a partner were in touch.
    InteractionKind, "interaction", "error-interaction-kind" {
        Visit => "visit",
        Call => "call",
        Meeting => "meeting",
        Email => "email",
        Event => "event",
        Other => "other",
    }
}

vocabulary! {
    /// What an agreement is about.
    AgreementKind, "agreement", "error-agreement-kind" {
        Cooperation => "cooperation",
        TrainingFrame => "training_frame",
        EquipmentSharing => "equipment_sharing",
        Nda => "nda",
        Other => "other",
    }
}

impl OrganisationKind {
    /// Also accepts the Finnish, Swedish and English names people write in their spreadsheets.
    pub fn parse_loose(s: &str) -> Result<OrganisationKind, Invalid> {
        let key = crate::network::search::fold(s);
        let found = match key.as_str() {
            "" => return Err(Invalid::new("error-required")),
            "yritys" | "foretag" | "company" | "oy" | "firma" => OrganisationKind::Company,
            "julkinen" | "julkinen toimija" | "viranomainen" | "kunta" | "offentlig"
            | "public body" | "public" => OrganisationKind::PublicBody,
            "oppilaitos"
            | "ammatillinen oppilaitos"
            | "laroanstalt"
            | "yrkesinstitut"
            | "vocational institution"
            | "school" => OrganisationKind::VocationalInstitution,
            "korkeakoulu" | "ammattikorkeakoulu" | "yliopisto" | "hogskola" | "universitet"
            | "university" => OrganisationKind::University,
            "tutkimuslaitos" | "forskningsinstitut" | "research institute" => {
                OrganisationKind::ResearchInstitute
            }
            "yhdistys" | "jarjesto" | "forening" | "association" => OrganisationKind::Association,
            "tyollisyyspalvelut"
            | "te palvelut"
            | "tyollisyyspalvelu"
            | "sysselsattningstjanster"
            | "employment service" => OrganisationKind::EmploymentService,
            "muu" | "annan" | "other" => OrganisationKind::Other,
            other => return OrganisationKind::parse(&other.replace(' ', "_")),
        };
        Ok(found)
    }
}

impl OrganisationStatus {
    /// Also accepts Finnish, Swedish and English names.
    pub fn parse_loose(s: &str) -> Result<OrganisationStatus, Invalid> {
        let key = crate::network::search::fold(s);
        Ok(match key.as_str() {
            "aktiivinen" | "aktiv" | "active" => OrganisationStatus::Active,
            "potentiaalinen" | "mahdollinen" | "prospekt" | "prospect" => {
                OrganisationStatus::Prospect
            }
            "lepaava" | "vilande" | "dormant" => OrganisationStatus::Dormant,
            "paattynyt" | "avslutad" | "ended" => OrganisationStatus::Ended,
            other => return OrganisationStatus::parse(other),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(k.code()), Ok(*k));
        }
        for f in CooperationForm::ALL {
            assert_eq!(CooperationForm::parse(f.code()), Ok(*f));
        }
    }

    #[test]
    fn spreadsheet_words_are_understood_as_kinds() {
        assert_eq!(
            OrganisationKind::parse_loose("Yritys"),
            Ok(OrganisationKind::Company)
        );
        assert_eq!(
            OrganisationKind::parse_loose("Förening"),
            Ok(OrganisationKind::Association)
        );
        assert_eq!(
            OrganisationKind::parse_loose("public_body"),
            Ok(OrganisationKind::PublicBody)
        );
        assert!(OrganisationKind::parse_loose("alien").is_err());
    }
}
