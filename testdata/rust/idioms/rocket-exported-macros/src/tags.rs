use rocket::{Build, Rocket};

crate::read_handlers! { table: "tags" }

pub fn mount(rocket: Rocket<Build>) -> Rocket<Build> {
    rocket.mount("/tags", routes![list, show])
}
