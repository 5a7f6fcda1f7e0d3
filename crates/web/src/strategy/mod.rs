//! Suunta's pages: the plans, a plan with its vision, goals and action plan, the scorecard
//! with trend charts, and each user's own actions and milestones due. Plans are the
//! institution's own: staff, admins and viewers read them; partners do not.

pub mod actions;
pub mod chart;
pub mod edit;
pub mod files;
pub mod goals;
pub mod indicators;
pub mod perspectives;
pub mod plans;
pub mod public;
pub mod roadmap;
pub mod scorecard;
pub mod workshops;

use crate::i18n::Tr;
use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;
use vaski_domain::strategy::unit::IndicatorUnit;
use vaski_domain::Language;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/plans", get(plans::list).post(edit::create_plan))
        .route("/plans/new", get(edit::new_plan))
        .route("/plans/copy", get(files::copy_form).post(files::copy))
        .route("/plans/{id}/plan.json", get(files::structure))
        .route("/plans/{id}/actions.xlsx", get(files::actions_xlsx))
        .route("/plans/{id}/scorecard.xlsx", get(files::scorecard_xlsx))
        .route(
            "/public/plans/{token}/plan.json",
            get(files::public_structure),
        )
        .route("/plans/{id}", get(plans::show).post(edit::update_plan))
        .route("/plans/{id}/edit", get(edit::edit))
        .route("/plans/{id}/delete", post(edit::delete_plan))
        .route("/plans/{id}/goals", post(edit::add_goal))
        .route("/plans/{id}/actions", post(edit::add_action))
        .route("/plans/{id}/indicators", post(edit::add_indicator))
        .route("/goals/{id}", post(goals::update))
        .route("/goals/{id}/edit", get(goals::edit))
        .route("/goals/{id}/delete", post(goals::delete))
        .route(
            "/actions/{id}",
            get(actions::show_action).post(actions::update),
        )
        .route("/actions/{id}/delete", post(actions::delete))
        .route("/actions/{id}/milestones", post(actions::add_milestone))
        .route("/actions/{id}/status", post(actions::set_status))
        .route("/milestones/{id}", post(actions::update_milestone))
        .route("/milestones/{id}/delete", post(actions::delete_milestone))
        .route("/milestones/{id}/done", post(actions::milestone_done))
        .route(
            "/indicators/{id}",
            get(indicators::show_indicator).post(indicators::update),
        )
        .route("/indicators/{id}/delete", post(indicators::delete))
        .route("/indicators/{id}/targets", post(indicators::set_targets))
        .route(
            "/indicators/{id}/targets/{year}/delete",
            post(indicators::remove_target),
        )
        .route("/indicators/{id}/goals", post(indicators::link_goal))
        .route(
            "/indicators/{id}/goals/{goal}/delete",
            post(indicators::unlink_goal),
        )
        .route(
            "/indicators/{id}/values/{value_id}/delete",
            post(indicators::delete_value),
        )
        .route("/indicators/{id}/values", post(indicators::add_value))
        .route(
            "/admin/perspectives",
            get(perspectives::page).post(perspectives::add),
        )
        .route("/admin/perspectives/{key}", post(perspectives::rename))
        .route("/plans/{id}/scorecard", get(scorecard::page))
        .route(
            "/plans/{id}/scorecard/trends/{indicator}",
            get(scorecard::trend),
        )
        .route("/plans/{id}/roadmap", get(roadmap::page))
        .route("/plans/{id}/public-links", post(public::create))
        .route(
            "/plans/{id}/public-links/{link}/revoke",
            post(public::revoke),
        )
        .route("/public/plans/{token}", get(public::page))
        .route("/my/actions", get(plans::mine))
        .route(
            "/plans/{id}/workshops",
            get(workshops::list).post(workshops::create),
        )
        .route("/workshops/{id}", get(workshops::show))
        .route("/workshops/{id}/ideas", post(workshops::add_idea))
        .route("/workshops/{id}/themes", post(workshops::create_theme))
        .route(
            "/workshops/{id}/themes/{theme}/rename",
            post(workshops::rename_theme),
        )
        .route("/workshops/{id}/ideas/theme", post(workshops::move_ideas))
        .route(
            "/workshops/{id}/ideas/{idea}/theme",
            post(workshops::move_idea),
        )
        .route(
            "/workshops/{id}/ideas/{idea}/action",
            get(workshops::action_form).post(workshops::create_action),
        )
        .route("/workshops/{id}/votes/{idea}", post(workshops::staff_vote))
        .route("/ideas/{idea}", get(workshops::idea))
        .route("/w/{code}", get(workshops::open).post(workshops::join))
        .route("/w/{code}/ideas", post(workshops::participant_idea))
        .route("/w/{code}/votes/{idea}", post(workshops::participant_vote))
}

/// A figure of an indicator as the language writes it: a share as a percentage, euros with
/// their sign, counts whole, the rest with up to two decimals.
pub fn format_value(unit: IndicatorUnit, value: f64, lang: Language) -> String {
    use crate::sharing::figures::{euros, hundredths};
    let h = |v: f64| (v * 100.0).round() as i64;
    match unit {
        IndicatorUnit::Share => {
            // One decimal of a percentage is as exact as these figures are.
            let percent = hundredths(((value * 1000.0).round() * 10.0) as i64, lang, false);
            match lang {
                Language::En => format!("{percent}%"),
                _ => format!("{percent}\u{a0}%"),
            }
        }
        IndicatorUnit::Euros => euros(h(value), lang),
        IndicatorUnit::Count => hundredths(h(value.round()), lang, false),
        IndicatorUnit::Hours => format!("{}\u{a0}h", hundredths(h(value), lang, false)),
        IndicatorUnit::Days | IndicatorUnit::Score => hundredths(h(value), lang, false),
    }
}

/// A progress share as a whole percentage for the page.
pub fn percent(progress: Option<f64>) -> Option<i64> {
    progress.map(|p| (p * 100.0).round() as i64)
}

/// The name of an indicator's unit in the user's language.
pub fn unit_name(t: &Tr, unit: IndicatorUnit) -> String {
    t.t(unit.message_key())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_written_the_way_each_language_writes_them() {
        assert_eq!(
            format_value(IndicatorUnit::Share, 0.375, Language::Fi),
            "37,5\u{a0}%"
        );
        assert_eq!(
            format_value(IndicatorUnit::Share, 0.375, Language::En),
            "37.5%"
        );
        assert_eq!(
            format_value(IndicatorUnit::Count, 1234.0, Language::Fi),
            "1\u{a0}234"
        );
        assert_eq!(
            format_value(IndicatorUnit::Euros, 2500.5, Language::Fi),
            "2\u{a0}500,50\u{a0}€"
        );
        assert_eq!(
            format_value(IndicatorUnit::Hours, 12.25, Language::En),
            "12.25\u{a0}h"
        );
    }
}
