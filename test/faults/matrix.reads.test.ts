import { describeMatrix } from './cases';
import { OPERATIONS } from './matrix';

describeMatrix(
	'Fault matrix: get, getAll, delete',
	'MATRIX-reads-and-delete.md',
	OPERATIONS.filter((operation) => ['GET', 'DELETE'].includes(operation.method)),
);
