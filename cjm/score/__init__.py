"""Drop-off risk of every stage, from lifecycle data and the journey's declarations."""
