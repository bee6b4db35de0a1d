BbiasJ¸¸S¿1Æv¿
u2¿