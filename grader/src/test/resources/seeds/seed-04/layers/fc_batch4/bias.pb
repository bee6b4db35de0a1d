BbiasJб‘vЅОт
АWг?