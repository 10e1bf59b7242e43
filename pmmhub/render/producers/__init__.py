"""Page producers: each module defines ``pages(site) -> Iterable[Page]`` (see ``portal.pages``)."""
