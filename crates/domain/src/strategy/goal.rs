//! Goals under a plan's vision: a hierarchy of at most three levels, each serving a
//! perspective, and their progress rolled up from their indicators and subgoals.

use crate::text::Invalid;

/// Main goals, subgoals and their subgoals: deeper trees stop being a plan people can read.
pub const MAX_DEPTH: usize = 3;

/// Whether a goal may be placed under a parent that is `parent_depth` deep (a main goal is 1).
pub fn check_depth(parent_depth: Option<usize>) -> Result<(), Invalid> {
    match parent_depth {
        Some(d) if d >= MAX_DEPTH => Err(Invalid::new("error-goal-too-deep")),
        _ => Ok(()),
    }
}

/// A goal's part in a roll-up: its indicators' progress with their weights, and its subgoals.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoalNode {
    pub indicators: Vec<Weighted>,
    pub subgoals: Vec<GoalNode>,
}

/// One indicator's progress (unknown when it has no data) and how much it weighs in its goal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weighted {
    pub weight: f64,
    pub progress: Option<f64>,
}

impl GoalNode {
    /// The goal's progress: the weighted mean of its indicators' progress and of its
    /// subgoals' rolled-up progress (each subgoal weighing 1). Parts without data are left
    /// out rather than counted as zero; a goal with no data at all has no progress.
    pub fn progress(&self) -> Option<f64> {
        let parts = self
            .indicators
            .iter()
            .filter(|w| w.weight > 0.0)
            .filter_map(|w| w.progress.map(|p| (w.weight, p)))
            .chain(
                self.subgoals
                    .iter()
                    .filter_map(|g| g.progress().map(|p| (1.0, p))),
            );
        let (weights, sum) = parts.fold((0.0, 0.0), |(ws, s), (w, p)| (ws + w, s + w * p));
        (weights > 0.0).then(|| sum / weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(weight: f64, progress: Option<f64>) -> Weighted {
        Weighted { weight, progress }
    }

    #[test]
    fn a_goal_weighs_its_indicators() {
        let g = GoalNode {
            indicators: vec![w(3.0, Some(1.0)), w(1.0, Some(0.0))],
            subgoals: vec![],
        };
        assert_eq!(g.progress(), Some(0.75));
    }

    #[test]
    fn subgoals_roll_up_into_their_parent_and_missing_data_is_left_out() {
        let sub = GoalNode {
            indicators: vec![w(1.0, Some(0.5)), w(1.0, None)],
            subgoals: vec![],
        };
        let main = GoalNode {
            indicators: vec![w(1.0, Some(1.0))],
            subgoals: vec![sub, GoalNode::default()],
        };
        assert_eq!(main.progress(), Some(0.75));
        assert_eq!(GoalNode::default().progress(), None);
    }

    #[test]
    fn goals_go_three_levels_deep_and_no_deeper() {
        assert!(check_depth(None).is_ok());
        assert!(check_depth(Some(2)).is_ok());
        assert_eq!(
            check_depth(Some(3)),
            Err(Invalid::new("error-goal-too-deep"))
        );
    }
}

/// A goal as typed into its form; the parent, perspective and owner are chosen from lists and
/// checked by the store against the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct GoalInput {
    pub title: String,
    pub description: String,
    pub perspective: String,
    pub parent_id: Option<i64>,
    pub owner_user_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GoalDraft {
    pub title: String,
    pub description: Option<String>,
    pub perspective: Option<String>,
    pub parent_id: Option<i64>,
    pub owner_user_id: Option<i64>,
}

impl GoalInput {
    pub fn validate(&self) -> Result<GoalDraft, crate::network::organisation::FieldErrors> {
        use crate::network::organisation::{record, FieldErrors};
        let mut errors = FieldErrors::new();
        let title = record(
            &mut errors,
            "title",
            crate::text::required_line(&self.title, 200),
        );
        let description = record(
            &mut errors,
            "description",
            crate::text::optional_text(&self.description, 5000),
        );
        let perspective = record(
            &mut errors,
            "perspective",
            crate::text::optional_line(&self.perspective, 60),
        );
        match (title, description, perspective) {
            (Some(title), Some(description), Some(perspective)) if errors.is_empty() => {
                Ok(GoalDraft {
                    title,
                    description,
                    perspective,
                    parent_id: self.parent_id,
                    owner_user_id: self.owner_user_id,
                })
            }
            _ => Err(errors),
        }
    }
}
