"""What a person reads about a decision: the evaluation, its explanation, the trace, roll-up, duties."""
