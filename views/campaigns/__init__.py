"""The /campaigns page's tabs: plans, tasks, commitments, people, and the 养老 policy list."""
