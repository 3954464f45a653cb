"""The API's operations, one router per resource, mounted on the one `api` in `api.api`.

Every operation resolves through the same `for_user` querysets and `*_get_for_user`
selectors as the web (404 outside the user's subtrees, 403 inside them without the role) and
writes only through the reports services, so rules live in one place.
"""
