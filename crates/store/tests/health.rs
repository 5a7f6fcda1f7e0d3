//! Store tests of the network's health figures and of the map's nodes and links, on SQLite and
//! on PostgreSQL.

use time::macros::date;
use time::Date;
use vaski_domain::account::Role;
use vaski_domain::network::agreement::AgreementInput;
use vaski_domain::network::interaction::InteractionInput;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::network::person::PersonInput;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::network::health::{self, Count, Link};
use vaski_store::network::{agreement, interaction, organisation, person};
use vaski_store::{both_databases, Actor, Db};

const TODAY: Date = date!(2025 - 06 - 01);

fn actor() -> Actor {
    Actor::system("test")
}

async fn staff(db: &Db, email: &str) -> i64 {
    let email = Email::parse(email).expect("valid email");
    account::create_user(
        db,
        NewUser {
            email: &email,
            name: "Staff",
            role: Role::Staff,
            organisation_id: None,
            password_hash: None,
            language: Language::Fi,
        },
        &actor(),
    )
    .await
    .expect("create user")
}

/// An organisation: `name`, `kind`, `municipality`, `status`, partner since `since`, owned by
/// `owners`.
async fn org(
    db: &Db,
    name: &str,
    kind: &str,
    municipality: &str,
    status: &str,
    since: Date,
    owners: &[i64],
) -> i64 {
    let draft = OrganisationInput {
        name: name.into(),
        kind: kind.into(),
        industry: "25".into(),
        municipality: municipality.into(),
        status: status.into(),
        ..Default::default()
    }
    .validate()
    .expect("valid organisation");
    let mut tx = db.begin().await.expect("begin");
    let id = organisation::create(&mut tx, &draft, since, &actor())
        .await
        .expect("create");
    organisation::set_owners(&mut tx, id, owners, &actor())
        .await
        .expect("owners");
    tx.commit().await.expect("commit");
    id
}

async fn visit(db: &Db, id: i64, on: &str) {
    let draft = InteractionInput {
        kind: "visit".into(),
        date: on.into(),
        ..Default::default()
    }
    .validate()
    .expect("valid interaction");
    let mut tx = db.begin().await.expect("begin");
    interaction::create(&mut tx, id, &draft, &actor())
        .await
        .expect("interaction");
    tx.commit().await.expect("commit");
}

async fn agreement_between(db: &Db, main: i64, others: &[i64], valid_to: &str) -> i64 {
    let draft = AgreementInput {
        title: "Laitteiden yhteiskäyttö".into(),
        kind: "equipment_sharing".into(),
        valid_from: "2024-01-01".into(),
        valid_to: valid_to.into(),
        other_parties: others.to_vec(),
        ..Default::default()
    }
    .validate()
    .expect("valid agreement");
    let mut tx = db.begin().await.expect("begin");
    let id = agreement::create(&mut tx, main, &draft, None, &actor())
        .await
        .expect("agreement");
    tx.commit().await.expect("commit");
    id
}

fn count_of(counts: &[Count], key: &str) -> i64 {
    counts
        .iter()
        .filter(|c| c.key.as_deref() == Some(key))
        .map(|c| c.count)
        .sum()
}

both_databases! {
    async fn partners_are_counted_by_kind_municipality_status_and_industry(db) {
        let a = staff(&db, "a@lhkk.example").await;
        org(&db, "Forssan Hitsaamo Oy", "company", "Forssa", "active", date!(2023 - 02 - 01), &[a]).await;
        org(&db, "Jokioisten Konepaja Oy", "company", "Jokioinen", "prospect", date!(2024 - 03 - 01), &[a]).await;
        org(&db, "Hämeen ammattikorkeakoulu", "university", "Forssa", "active", date!(2024 - 05 - 01), &[a]).await;
        let h = health::health(&db, TODAY, 365, 10).await.expect("health");
        assert_eq!(h.organisations, 3);
        assert_eq!(count_of(&h.by_kind, "company"), 2);
        assert_eq!(count_of(&h.by_kind, "university"), 1);
        assert_eq!(count_of(&h.by_municipality, "061"), 2, "Forssa");
        assert_eq!(count_of(&h.by_municipality, "169"), 1, "Jokioinen");
        assert_eq!(count_of(&h.by_status, "active"), 2);
        assert_eq!(count_of(&h.by_status, "prospect"), 1);
        assert_eq!(count_of(&h.by_industry, "25"), 3);
        assert_eq!(h.by_kind[0].key.as_deref(), Some("company"), "the largest group comes first");
        assert_eq!(h.new_per_year.iter().map(|c| (c.key.clone().unwrap_or_default(), c.count)).collect::<Vec<_>>(),
            vec![("2023".to_string(), 1), ("2024".to_string(), 2)]);
    }

    async fn a_partner_with_one_owner_and_one_with_none_are_listed_but_ended_ones_are_not(db) {
        let a = staff(&db, "a@lhkk.example").await;
        let b = staff(&db, "b@lhkk.example").await;
        let single = org(&db, "Forssan Hitsaamo Oy", "company", "Forssa", "active", date!(2023 - 02 - 01), &[a]).await;
        let nobody = org(&db, "Orpo Oy", "company", "Forssa", "prospect", date!(2023 - 02 - 01), &[]).await;
        org(&db, "Kahden Oy", "company", "Forssa", "active", date!(2023 - 02 - 01), &[a, b]).await;
        org(&db, "Loppunut Oy", "company", "Forssa", "ended", date!(2023 - 02 - 01), &[a]).await;
        let h = health::health(&db, TODAY, 365, 10).await.expect("health");
        assert_eq!(h.single_owner_count, 1);
        assert_eq!(h.single_owner.iter().map(|p| p.id).collect::<Vec<_>>(), vec![single]);
        assert_eq!(h.single_owner[0].owner_count, 1);
        assert_eq!(h.no_owner_count, 1);
        assert_eq!(h.no_owner.iter().map(|p| p.id).collect::<Vec<_>>(), vec![nobody]);
    }

    async fn the_lists_are_capped_but_the_counts_are_not(db) {
        let a = staff(&db, "a@lhkk.example").await;
        for name in ["A Oy", "B Oy", "C Oy"] {
            org(&db, name, "company", "Forssa", "active", date!(2023 - 02 - 01), &[a]).await;
        }
        let h = health::health(&db, TODAY, 365, 2).await.expect("health");
        assert_eq!(h.single_owner_count, 3);
        assert_eq!(h.single_owner.len(), 2);
        assert_eq!(h.dormant_count, 3);
        assert_eq!(h.dormant.len(), 2);
    }

    async fn an_active_partner_without_contact_for_the_given_days_is_dormant(db) {
        let a = staff(&db, "a@lhkk.example").await;
        let quiet = org(&db, "Hiljainen Oy", "company", "Forssa", "active", date!(2020 - 01 - 01), &[a]).await;
        let never = org(&db, "Tuntematon Oy", "company", "Forssa", "active", date!(2020 - 01 - 01), &[a]).await;
        let lively = org(&db, "Vilkas Oy", "company", "Forssa", "active", date!(2020 - 01 - 01), &[a]).await;
        org(&db, "Odottava Oy", "company", "Forssa", "prospect", date!(2020 - 01 - 01), &[a]).await;
        visit(&db, quiet, "2025-01-10").await;
        visit(&db, lively, "2025-05-20").await;
        let h = health::health(&db, TODAY, 365, 10).await.expect("health");
        assert_eq!(h.dormant_days, 365);
        assert_eq!(h.dormant.iter().map(|p| p.id).collect::<Vec<_>>(), vec![never], "only the one never contacted; a prospect is not dormant");
        let h = health::health(&db, TODAY, 90, 10).await.expect("health");
        assert_eq!(h.dormant_count, 2);
        assert_eq!(h.dormant.iter().map(|p| p.id).collect::<Vec<_>>(), vec![never, quiet], "never contacted first, then the longest quiet");
        assert_eq!(h.dormant[1].last_interaction_on, Some(date!(2025 - 01 - 10)));
    }

    async fn an_agreement_ending_within_sixty_days_is_expiring_and_later_or_past_ones_are_not(db) {
        let a = staff(&db, "a@lhkk.example").await;
        let o = org(&db, "Forssan Hitsaamo Oy", "company", "Forssa", "active", date!(2023 - 02 - 01), &[a]).await;
        let soon = agreement_between(&db, o, &[], "2025-07-15").await;
        agreement_between(&db, o, &[], "2025-09-01").await;
        agreement_between(&db, o, &[], "2025-05-31").await;
        agreement_between(&db, o, &[], "").await;
        let h = health::health(&db, TODAY, 365, 10).await.expect("health");
        assert_eq!(h.expiring_agreements.iter().map(|x| x.id).collect::<Vec<_>>(), vec![soon]);
    }

    async fn a_shared_agreement_links_its_parties(db) {
        let a = staff(&db, "a@lhkk.example").await;
        let x = org(&db, "Forssan Hitsaamo Oy", "company", "Forssa", "active", date!(2023 - 02 - 01), &[a]).await;
        let y = org(&db, "Jokioisten Konepaja Oy", "company", "Jokioinen", "active", date!(2023 - 02 - 01), &[a]).await;
        let z = org(&db, "Yksinäinen Oy", "company", "Forssa", "active", date!(2023 - 02 - 01), &[a]).await;
        agreement_between(&db, y, &[x], "2026-01-01").await;
        agreement_between(&db, x, &[y], "2027-01-01").await;
        agreement_between(&db, z, &[], "2027-01-01").await;
        let links = health::links(&db).await.expect("links");
        assert_eq!(links, vec![Link { a: x.min(y), b: x.max(y), kind: "agreement".into(), weight: 2 }]);
    }

    async fn a_person_who_moved_links_the_two_organisations_once(db) {
        let a = staff(&db, "a@lhkk.example").await;
        let x = org(&db, "Forssan Hitsaamo Oy", "company", "Forssa", "active", date!(2023 - 02 - 01), &[a]).await;
        let y = org(&db, "Jokioisten Konepaja Oy", "company", "Jokioinen", "active", date!(2023 - 02 - 01), &[a]).await;
        let draft = PersonInput { name: "Maija Mallikas".into(), ..Default::default() }.validate().expect("valid person");
        let mut tx = db.begin().await.expect("begin");
        let p = person::create(&mut tx, &draft, x, Some(date!(2020 - 01 - 01)), &actor()).await.expect("person");
        person::move_to(&mut tx, p, y, None, date!(2023 - 01 - 01), &actor()).await.expect("move");
        // Back at the first organisation: still one person linking the two.
        person::move_to(&mut tx, p, x, None, date!(2024 - 01 - 01), &actor()).await.expect("move back");
        tx.commit().await.expect("commit");
        let links = health::links(&db).await.expect("links");
        assert_eq!(links, vec![Link { a: x.min(y), b: x.max(y), kind: "person".into(), weight: 1 }]);
    }

    async fn the_map_leaves_out_ended_partners_and_puts_the_linked_first(db) {
        let a = staff(&db, "a@lhkk.example").await;
        let alone = org(&db, "Aakkosissa Ensin Oy", "company", "Forssa", "active", date!(2023 - 02 - 01), &[a]).await;
        let x = org(&db, "Forssan Hitsaamo Oy", "company", "Forssa", "active", date!(2023 - 02 - 01), &[a]).await;
        let y = org(&db, "Jokioisten Konepaja Oy", "company", "Jokioinen", "active", date!(2023 - 02 - 01), &[]).await;
        org(&db, "Loppunut Oy", "company", "Forssa", "ended", date!(2023 - 02 - 01), &[a]).await;
        agreement_between(&db, x, &[y], "2026-01-01").await;
        // Agreements with the institution alone link to nobody on the map.
        agreement_between(&db, alone, &[], "2026-01-01").await;
        agreement_between(&db, alone, &[], "2027-01-01").await;
        let nodes = health::nodes(&db, 10).await.expect("nodes");
        assert_eq!(nodes.iter().map(|n| n.id).collect::<Vec<_>>(), vec![x, y, alone]);
        assert_eq!(nodes[1].owner_count, 0);
        assert_eq!(nodes[0].kind, "company");
        let capped = health::nodes(&db, 2).await.expect("nodes");
        assert_eq!(capped.iter().map(|n| n.id).collect::<Vec<_>>(), vec![x, y], "the cap drops the unlinked");
    }
}

both_databases! {
    async fn the_owner_count_follows_owners_added_removed_and_deleted_with_their_user(db) {
        let a = staff(&db, "a@lhkk.example").await;
        let b = staff(&db, "b@lhkk.example").await;
        let id = org(&db, "Jokioisten Konepaja Oy", "company", "Jokioinen", "active", TODAY, &[a, b]).await;
        let single = organisation::Filter { single_owner: true, ..Default::default() };
        let count_of = |rows: Vec<organisation::Summary>| rows.iter().find(|r| r.id == id).map(|r| r.owner_count);

        let (rows, _) = organisation::list(&db, &Default::default(), Default::default()).await.expect("list");
        assert_eq!(count_of(rows), Some(2));
        assert_eq!(organisation::list(&db, &single, Default::default()).await.expect("list").1, 0);

        let mut tx = db.begin().await.expect("begin");
        organisation::set_owners(&mut tx, id, &[b], &actor()).await.expect("owners");
        tx.commit().await.expect("commit");
        let (rows, total) = organisation::list(&db, &single, Default::default()).await.expect("list");
        assert_eq!((total, count_of(rows)), (1, Some(1)));

        db.execute(vaski_store::db::sql("DELETE FROM users WHERE id = $1").bind(b)).await.expect("delete user");
        let h = health::health(&db, TODAY, health::DEFAULT_DORMANT_DAYS, 10).await.expect("health");
        assert_eq!((h.single_owner_count, h.no_owner_count), (0, 1));
        assert_eq!(h.no_owner.iter().map(|p| (p.id, p.owner_count)).collect::<Vec<_>>(), vec![(id, 0)]);
    }
}
