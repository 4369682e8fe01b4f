import { describeMatrix } from './cases';
import { OPERATIONS } from './matrix';

describeMatrix(
	'Fault matrix: create, update, create or update',
	'MATRIX-writes.md',
	OPERATIONS.filter((operation) => ['POST', 'PUT'].includes(operation.method)),
);
