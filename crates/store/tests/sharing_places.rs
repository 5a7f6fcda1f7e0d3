//! The store's pictures of a resource and locations of an organisation, on SQLite and
//! PostgreSQL: a picture only under its own resource, and a location that a resource is at is
//! never deleted.

use time::macros::date as tdate;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::sharing::draft::ResourceInput;
use vaski_domain::sharing::location::LocationInput;
use vaski_store::network::organisation;
use vaski_store::sharing::location::{self, Deletion};
use vaski_store::sharing::resource;
use vaski_store::{both_databases, Actor, Db, StoreError};

/// A real PNG's first bytes: enough for the store's check of the kind.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

fn actor() -> Actor {
    Actor::system("test")
}

/// A school with a lathe; answers their ids.
async fn school_with_lathe(db: &Db) -> (i64, i64) {
    let org = OrganisationInput {
        name: "Lounais-Hämeen koulutuskuntayhtymä".into(),
        kind: "vocational_institution".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid organisation");
    let mut tx = db.begin().await.expect("begin");
    let school = organisation::create(&mut tx, &org, tdate!(2024 - 01 - 01), &actor())
        .await
        .expect("organisation");
    let lathe = ResourceInput {
        name: "CNC-sorvi".into(),
        kind: "machine".into(),
        owner_organisation_id: school.to_string(),
        ..Default::default()
    }
    .validate()
    .expect("valid resource");
    let lathe = resource::create(&mut tx, &lathe, &actor())
        .await
        .expect("resource");
    tx.commit().await.expect("commit");
    (school, lathe)
}

both_databases! {
    async fn a_pictures_alt_text_changes_and_the_picture_is_removed_only_under_its_resource(db) {
        let (_, lathe) = school_with_lathe(&db).await;
        let mut tx = db.begin().await.expect("begin");
        let image = resource::add_image(&mut tx, lathe, PNG.to_vec(), Some("Sorvi".into()), &actor())
            .await
            .expect("add");
        assert!(resource::set_image_alt(&mut tx, lathe, image, "Sorvi edestä", &actor()).await.expect("alt"));
        assert!(!resource::set_image_alt(&mut tx, lathe, image, "Sorvi edestä", &actor()).await.expect("alt"),
            "the same text again is no change");
        let wrong = resource::remove_image(&mut tx, lathe + 1, image, &actor()).await;
        assert!(matches!(wrong, Err(StoreError::NotFound)), "not under another resource: {wrong:?}");
        tx.commit().await.expect("commit");
        let stored = resource::image_of(&db, lathe, image).await.expect("get").expect("there");
        assert_eq!(stored.alt_text.as_deref(), Some("Sorvi edestä"));

        let mut tx = db.begin().await.expect("begin");
        resource::remove_image(&mut tx, lathe, image, &actor()).await.expect("remove");
        tx.commit().await.expect("commit");
        assert!(resource::images(&db, lathe).await.expect("list").is_empty());
    }

    async fn a_location_with_a_resource_at_it_is_not_deleted_and_one_without_is(db) {
        let (school, lathe) = school_with_lathe(&db).await;
        let draft = |name: &str| LocationInput {
            name: name.into(),
            address: "Wahreninkatu 2".into(),
            municipality: "Forssa".into(),
        }
        .validate()
        .expect("valid location");
        let mut tx = db.begin().await.expect("begin");
        let hall = location::create(&mut tx, school, &draft("Konepajahalli"), &actor()).await.expect("create");
        let campus = location::create(&mut tx, school, &draft("Kampus"), &actor()).await.expect("create");
        resource::set_location(&mut tx, lathe, Some(hall), &actor()).await.expect("set");
        assert!(location::update(&mut tx, campus, &draft("Forssan kampus"), &actor()).await.expect("update"));
        tx.commit().await.expect("commit");

        let mut tx = db.begin().await.expect("begin");
        let refused = location::delete(&mut tx, hall, &actor()).await.expect("delete");
        assert_eq!(refused, Deletion::InUse(vec![(lathe, "CNC-sorvi".to_string())]));
        let done = location::delete(&mut tx, campus, &actor()).await.expect("delete");
        assert_eq!(done, Deletion::Deleted);
        tx.commit().await.expect("commit");
        let names: Vec<String> = location::of_organisation(&db, school)
            .await
            .expect("list")
            .into_iter()
            .map(|l| l.name)
            .collect();
        assert_eq!(names, ["Konepajahalli"]);
        let lathe = resource::get(&db, lathe).await.expect("get").expect("lathe");
        assert_eq!(lathe.location_id, Some(hall), "the lathe is still at the hall");
    }
}
