"""Pure text functions shared by the build (loaders/) and the app's store (store/).

It imports neither of them (nor Streamlit), so both sides can use it without the store
depending on the loaders:

- `normalize`     full-width forms to half-width, conversion markup removed
- `search_terms`  the shown form of a raw line, the matching form of text, search terms
"""
