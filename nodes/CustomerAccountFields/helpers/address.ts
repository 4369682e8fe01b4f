import type { IDataObject } from 'n8n-workflow';

import { InputError } from './inputError';
import { textOf, toBoolean } from './text';

/** One address row of the Addresses collection, by parameter name. */
export interface AddressEntry {
	address1?: string;
	address2?: string;
	city?: string;
	company?: string;
	country?: string;
	countryCode?: string;
	firstName?: string;
	lastName?: string;
	phone?: string;
	province?: string;
	provinceCode?: string;
	zip?: string;
	default?: boolean | string;
}

// ISO 3166-1 alpha-2, plus XK (Kosovo), which Shopify also uses.
const COUNTRY_CODES = new Set(
	(
		'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
		'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
		'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
		'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
		'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
		'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
		'UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
	).split(' '),
);

export function isCountryCode(code: string): boolean {
	return COUNTRY_CODES.has(code);
}

const API_NAMES: Record<Exclude<keyof AddressEntry, 'default'>, string> = {
	address1: 'address1',
	address2: 'address2',
	city: 'city',
	company: 'company',
	country: 'country',
	countryCode: 'country_code',
	firstName: 'first_name',
	lastName: 'last_name',
	phone: 'phone',
	province: 'province',
	provinceCode: 'province_code',
	zip: 'zip',
};

/** Turns the Addresses rows into Shopify's `addresses` list; checks country codes and a single default. */
export function checkAddresses(entries: readonly AddressEntry[]): IDataObject[] {
	const addresses = entries.map(toAddress);
	if (addresses.filter((address) => address.default === true).length > 1) {
		throw new InputError(
			'Addresses: more than one address is marked as the default',
			'Turn Default on for one address only.',
		);
	}
	return addresses;
}

function toAddress(entry: AddressEntry, index: number): IDataObject {
	const where = `Address ${index + 1}`;
	const address: IDataObject = {};
	for (const [name, apiName] of Object.entries(API_NAMES) as Array<
		[keyof typeof API_NAMES, string]
	>) {
		const value = entry[name];
		if (value === undefined || value === null || value === '') continue;
		address[apiName] = textOf(value, `${where} ${name}`).trim();
	}
	if (Object.keys(address).length === 0)
		throw new InputError(
			`${where}: all fields are empty`,
			'Fill in the address, or remove the row.',
		);
	if (address.country_code !== undefined) {
		const code = String(address.country_code).toUpperCase();
		if (!isCountryCode(code)) {
			throw new InputError(
				`${where}: "${String(address.country_code)}" is not an ISO country code`,
				'Use the two-letter ISO 3166-1 code, e.g. US, CA, DE, GB.',
			);
		}
		address.country_code = code;
	}
	if (entry.default !== undefined && entry.default !== '')
		address.default = toBoolean(entry.default, `${where} Default`);
	return address;
}
