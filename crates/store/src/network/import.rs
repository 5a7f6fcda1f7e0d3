//! Applying an import plan in one transaction.
