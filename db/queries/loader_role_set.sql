SET LOCAL ROLE hiraku_loader
