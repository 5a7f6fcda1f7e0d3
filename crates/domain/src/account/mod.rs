//! Users of Vaski and what each role may do.

use crate::text::Invalid;
use serde::{Deserialize, Serialize};

/// A user's role. Every read and write is checked against it in the web layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the deployment: users, imports, everything staff may do.
    Admin,
    /// The institution's staff: keep the network.
    Staff,
    /// A person of an external organisation: sees and edits only their own organisation.
    Partner,
    /// Reads everything staff can read, changes nothing.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Staff, Role::Partner, Role::Viewer];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Partner => "partner",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Result<Role, Invalid> {
        match s.trim() {
            "admin" => Ok(Role::Admin),
            "staff" => Ok(Role::Staff),
            "partner" => Ok(Role::Partner),
            "viewer" => Ok(Role::Viewer),
            _ => Err(Invalid::new("error-role")),
        }
    }

    /// May see the whole network (every organisation, the health view, the map).
    pub fn sees_whole_network(self) -> bool {
        matches!(self, Role::Admin | Role::Staff | Role::Viewer)
    }

    /// May change any organisation of the network.
    pub fn edits_network(self) -> bool {
        matches!(self, Role::Admin | Role::Staff)
    }

    /// May import, manage users and other deployment-wide work.
    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }

    /// May own partnerships (be a relationship owner).
    pub fn can_own_partnerships(self) -> bool {
        matches!(self, Role::Admin | Role::Staff)
    }
}

/// The shortest password Vaski accepts; length matters more than character classes.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Checks a new password against the policy.
pub fn check_new_password(password: &str) -> Result<(), Invalid> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Invalid::new("error-password-short"));
    }
    if password.len() > 1024 {
        return Err(Invalid::new("error-too-long"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_and_viewers_do_not_edit_the_network() {
        assert!(!Role::Partner.edits_network());
        assert!(!Role::Viewer.edits_network());
        assert!(Role::Staff.edits_network());
        assert!(!Role::Partner.sees_whole_network());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(check_new_password("lyhyt").is_err());
        assert!(check_new_password("pitkä salasana joka kelpaa").is_ok());
    }
}
