'use strict';
const dayjs = require('dayjs');
const utc = require('dayjs/plugin/utc');
const relativeTime = require('dayjs/plugin/relativeTime');
const customParseFormat = require('dayjs/plugin/customParseFormat');
const duration = require('dayjs/plugin/duration');
const isLeapYear = require('dayjs/plugin/isLeapYear');
require('dayjs/locale/de');
require('dayjs/locale/fr');

dayjs.extend(utc);
dayjs.extend(relativeTime);
dayjs.extend(customParseFormat);
dayjs.extend(duration);
dayjs.extend(isLeapYear);

const d = dayjs.utc('2024-02-29T13:45:30.123Z');
console.log(d.isValid(), d.format(), d.format('YYYY-MM-DD HH:mm:ss.SSS dddd MMMM A'));
console.log(d.add(1, 'year').format('YYYY-MM-DD'), d.subtract(3, 'month').format('YYYY-MM-DD'), d.startOf('week').format('ddd D'));
console.log(d.diff(dayjs.utc('2024-01-01'), 'day'), d.isLeapYear(), d.daysInMonth(), d.day(), d.valueOf());
console.log(d.locale('de').format('dddd, D. MMMM YYYY'), d.locale('fr').format('dddd D MMMM'));
console.log(dayjs.utc('2024-01-01').from(dayjs.utc('2024-03-01')), dayjs.utc('2020-01-01').to(dayjs.utc('2024-06-01')));
console.log(dayjs('05/02/69 1:02:03 PM -05:00', 'MM/DD/YY H:mm:ss A Z').toISOString());
console.log(dayjs.duration(90061000).format('D[d] HH:mm:ss'), dayjs.duration({ hours: 2, minutes: 30 }).asMinutes());
console.log(dayjs.duration(3, 'days').humanize(), dayjs('not a date').isValid(), dayjs.isDayjs(d));
console.log(JSON.stringify(d), d.toISOString(), d.unix());
