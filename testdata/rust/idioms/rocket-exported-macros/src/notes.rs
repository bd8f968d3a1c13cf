crate::crud! { table: "notes" }
