BW2_exp_avg_sq_step1J`
f“;R¶≥6TMd<
&é9V¡<Î˚∫<DA={r<c∂á;uM :ÿË;|z¯8TÔÈ:üè=ÛU¶:£k´<xõ;¨:íD<‡j:ÓÏK<f∂—:°ı}<òO=