// Handlers written by macros exported to the whole crate, invoked from other files.
#[macro_export]
macro_rules! read_handlers {
    (table: $table:expr) => {
        #[get("/")]
        async fn list(_user: crate::guards::User) -> String {
            format!("all of {}", $table)
        }

        #[get("/<id>")]
        async fn show(_user: crate::guards::User, id: u32) -> String {
            format!("{} {}", $table, id)
        }
    };
}

#[macro_export]
macro_rules! crud {
    (table: $table:expr) => {
        crate::read_handlers! { table: $table }

        #[delete("/<id>")]
        async fn remove(_user: crate::guards::User, id: u32) -> String {
            format!("removed {} {}", $table, id)
        }

        pub fn mount(rocket: rocket::Rocket<rocket::Build>) -> rocket::Rocket<rocket::Build> {
            rocket.mount(format!("/{}", $table), routes![list, show, remove])
        }
    };
}
