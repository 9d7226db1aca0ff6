export default {
  vi: { figure: { met: 'Đạt', missed: 'Chưa đạt', target: 'Chỉ tiêu', noTarget: 'Không có chỉ tiêu', flag: 'Lưu ý dữ liệu nguồn' } },
  en: { figure: { met: 'Met', missed: 'Missed', target: 'Target', noTarget: 'No target', flag: 'Source data note' } },
};
