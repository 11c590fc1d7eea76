-- Loads replace everything: the dataset is rebuilt from its inputs inside one transaction.
TRUNCATE dataset, data_source, area, initiative, focus_area
