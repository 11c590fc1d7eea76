SELECT version FROM dataset
