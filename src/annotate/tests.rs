//! Tests of the drafts.
