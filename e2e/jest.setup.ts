// testTimeout in a project config is ignored when jest runs several projects; set it here.
jest.setTimeout(120_000);
