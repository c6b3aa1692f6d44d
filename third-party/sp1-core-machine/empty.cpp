// This file exists to allow the build script (`build.rs`) to conveniently produce an empty library.
