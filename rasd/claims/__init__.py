"""Claims and sources: who asserts, denies or downplays each event (arrives with the events issue)."""
