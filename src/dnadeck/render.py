def build_deck(g): pass
