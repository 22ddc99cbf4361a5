"""Front-desk read models: the Today board, a reservation's full picture, global search, tape chart."""
