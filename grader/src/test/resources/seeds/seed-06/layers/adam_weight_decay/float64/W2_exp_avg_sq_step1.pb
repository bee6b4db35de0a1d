BW2_exp_avg_sq_step1J`
f“;W¶≥6SMd<&é9V¡<Ï˚∫<EA=|r<c∂á;uM :ÄÿË;~z¯8VÔÈ:üè=ÙU¶:¢k´<xõ;¨:íD<	‡j:ÌÏK<e∂—:£ı}<òO=