use leptos::prelude::*;
use leptos_router::components::{ParentRoute, ProtectedRoute, Route, Router, Routes};
use leptos_router::{path, ParamSegment, StaticSegment};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <main>
                <Routes fallback=|| "Page not found.".into_view()>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/post/:slug") view=Post/>
                    <ProtectedRoute
                        path=path!("/post/:slug/edit")
                        view=EditPost
                        condition=move || Some(true)
                        redirect_path=|| "/login"
                    />
                    <ParentRoute path=(StaticSegment("users"), ParamSegment("name")) view=User>
                        <Route path=StaticSegment("") view=Profile/>
                        <Route path=StaticSegment("posts") view=UserPosts/>
                    </ParentRoute>
                    <SettingsRoutes/>
                </Routes>
            </main>
        </Router>
    }
}

/// Routes written in a component of their own, placed in the tree above.
#[component(transparent)]
pub fn SettingsRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=StaticSegment("settings") view=Settings>
            <Route path=StaticSegment("profile") view=EditProfile/>
        </ParentRoute>
    }
    .into_inner()
}
