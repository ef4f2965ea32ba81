def deck_bytes(g): pass
def save_deck(g,p): pass
