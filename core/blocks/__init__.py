"""Group blocks (allotments): rooms held per type and night for a group until a release date."""
