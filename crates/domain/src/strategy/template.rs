//! A plan's structure as a file another institution can start from: the vision, goals,
//! indicators with targets, and actions with milestones, without people (no owners, no
//! partners, no hand-entered values). Written and read as JSON (`vaski-plan/1`).

use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "vaski-plan/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanTemplate {
    pub format: String,
    pub title: String,
    #[serde(default)]
    pub vision: String,
    pub first_year: i32,
    pub last_year: i32,
    #[serde(default)]
    pub goals: Vec<GoalTemplate>,
    #[serde(default)]
    pub indicators: Vec<IndicatorTemplate>,
    #[serde(default)]
    pub actions: Vec<ActionTemplate>,
}

/// A goal; `parent` is the index of an earlier goal in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalTemplate {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub perspective: Option<String>,
    #[serde(default)]
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorTemplate {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub unit: String,
    pub direction: String,
    #[serde(default)]
    pub band: Option<(f64, f64)>,
    #[serde(default)]
    pub baseline: Option<f64>,
    #[serde(default)]
    pub computed: Option<String>,
    #[serde(default)]
    pub scope_field: Option<String>,
    #[serde(default)]
    pub scope_unit: Option<String>,
    #[serde(default)]
    pub scope_tag: Option<String>,
    #[serde(default)]
    pub scope_kind: Option<String>,
    #[serde(default)]
    pub update_every_days: Option<u32>,
    /// `(year, value)`, values in the indicator's stored scale (a share as 0..1).
    #[serde(default)]
    pub targets: Vec<(i32, f64)>,
    /// `(goal index, weight)`.
    #[serde(default)]
    pub goals: Vec<(usize, f64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionTemplate {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    pub goal: usize,
    pub priority: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    pub ends_on: String,
    #[serde(default)]
    pub budget_cents: Option<i64>,
    #[serde(default)]
    pub milestones: Vec<MilestoneTemplate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilestoneTemplate {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
}

/// Why a file is not a plan Vaski can copy: where in the file and the message key of what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {key}")]
pub struct TemplateError {
    pub at: String,
    pub key: &'static str,
}

impl PlanTemplate {
    /// Reads a file; a file that is not JSON of this format says so, with the line and column.
    pub fn from_json(bytes: &[u8]) -> Result<PlanTemplate, TemplateError> {
        let t: PlanTemplate = serde_json::from_slice(bytes).map_err(|e| TemplateError {
            at: format!("{}:{}", e.line(), e.column()),
            key: "error-plan-file-not-json",
        })?;
        if t.format != FORMAT {
            return Err(TemplateError {
                at: "format".into(),
                key: "error-plan-file-format",
            });
        }
        t.check_references()?;
        Ok(t)
    }

    /// Goals point only to earlier goals, actions and indicator weights to goals that exist.
    fn check_references(&self) -> Result<(), TemplateError> {
        for (i, g) in self.goals.iter().enumerate() {
            if g.parent.is_some_and(|p| p >= i) {
                return Err(TemplateError {
                    at: format!("goals[{i}].parent"),
                    key: "error-plan-file-reference",
                });
            }
        }
        for (i, a) in self.actions.iter().enumerate() {
            if a.goal >= self.goals.len() {
                return Err(TemplateError {
                    at: format!("actions[{i}].goal"),
                    key: "error-plan-file-reference",
                });
            }
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            if ind.goals.iter().any(|(g, _)| *g >= self.goals.len()) {
                return Err(TemplateError {
                    at: format!("indicators[{i}].goals"),
                    key: "error-plan-file-reference",
                });
            }
        }
        Ok(())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> PlanTemplate {
        PlanTemplate {
            format: FORMAT.into(),
            title: "Suunta".into(),
            vision: String::new(),
            first_year: 2023,
            last_year: 2027,
            goals: vec![GoalTemplate {
                title: "Verkosto".into(),
                description: None,
                perspective: Some("network".into()),
                parent: None,
            }],
            indicators: vec![],
            actions: vec![],
        }
    }

    #[test]
    fn a_plan_file_reads_back_as_written() {
        let t = minimal();
        assert_eq!(PlanTemplate::from_json(t.to_json().as_bytes()), Ok(t));
    }

    #[test]
    fn a_file_that_is_not_a_plan_says_where_it_went_wrong() {
        let e = PlanTemplate::from_json(b"{\"format\": \"vaski-plan/1\",\n \"title\": 3}")
            .expect_err("refused");
        assert_eq!(e.key, "error-plan-file-not-json");
        assert!(e.at.starts_with("2:"), "{}", e.at);
        let mut t = minimal();
        t.format = "excel".into();
        assert_eq!(
            PlanTemplate::from_json(t.to_json().as_bytes())
                .expect_err("refused")
                .key,
            "error-plan-file-format"
        );
    }

    #[test]
    fn a_reference_to_a_goal_that_does_not_exist_is_refused() {
        let mut t = minimal();
        t.goals[0].parent = Some(0);
        assert_eq!(
            PlanTemplate::from_json(t.to_json().as_bytes())
                .expect_err("refused")
                .at,
            "goals[0].parent"
        );
    }
}
