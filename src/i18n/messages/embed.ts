// Words of the embeds (/embed/<view>): no app chrome, so each embed names its source and date itself.
export default {
  vi: {
    embed: {
      titles: { public: 'Kết quả giải quyết thủ tục hành chính (công khai)', scoreboard: 'Bảng tổng hợp kết quả giải quyết hồ sơ', metric: 'Một chỉ số theo đơn vị' },
      unknown: 'Không có khung nhúng "{view}". Các khung có sẵn: {list}.',
      source: 'Nguồn: {title}. Số liệu đến {to}.',
      open: 'Xem đầy đủ trên chiso',
      newTab: '(mở thẻ mới)',
      unitUnknown: 'Không có đơn vị "{unit}" trong bộ dữ liệu.',
      metricTrend: '{metric}: {unit}, các năm {from}–{to}',
      metricUnits: '{metric}: {level}, {period}',
      byUnitLabel: 'Biểu đồ cột: {metric} của từng đơn vị, {period}',
      unit: 'Đơn vị',
      year: 'Kỳ',
      loading: 'Đang tải số liệu…',
    },
  },
  en: {
    embed: {
      titles: { public: 'Administrative procedure results (public)', scoreboard: 'Dossier handling scoreboard', metric: 'One metric by unit' },
      unknown: 'There is no embed "{view}". Available: {list}.',
      source: 'Source: {title}. Data up to {to}.',
      open: 'See it all on chiso',
      newTab: '(opens a new tab)',
      unitUnknown: 'No unit "{unit}" in the dataset.',
      metricTrend: '{metric}: {unit}, years {from}–{to}',
      metricUnits: '{metric}: {level}, {period}',
      byUnitLabel: 'Bar chart: {metric} of each unit, {period}',
      unit: 'Unit',
      year: 'Period',
      loading: 'Loading data…',
    },
  },
};
