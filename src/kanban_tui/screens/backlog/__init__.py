"""The Backlog (3): planned sprints above the ranked backlog; planning and the sprint cycle."""
