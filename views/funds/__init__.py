"""Parts of the 涉农资金 page: overview metrics, the four breakdown tabs, the projects, the indicators."""
