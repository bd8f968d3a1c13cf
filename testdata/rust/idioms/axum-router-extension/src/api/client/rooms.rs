use crate::Typed;

pub(crate) async fn list_rooms(_req: Typed<ListRooms>) -> &'static str {
    "[]"
}

pub(crate) async fn create_room(_req: Typed<CreateRoom>) -> &'static str {
    "{}"
}

pub(crate) async fn room_state(_req: Typed<RoomState>) -> &'static str {
    "{}"
}
