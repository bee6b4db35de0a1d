B
conv1.biasJ0Êx¾H¬G¾JM¾PG¯<Êx¾H¬G¾P2E¼v*<Êx¾H¬G¾@¾Ï;¬éb=