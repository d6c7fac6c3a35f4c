"""The Risks screen (4): the register's table, the 5x5 heat map and a risk's details."""
