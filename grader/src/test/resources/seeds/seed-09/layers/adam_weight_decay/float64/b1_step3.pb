Bb1_step3J¡T¿Ï	Å¿X1k¿
ø/=